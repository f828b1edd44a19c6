//! The core plugins' options: Daily notes (`daily-notes.json`), Templates
//! (`templates.json`), Unique note creator (`zk-prefixer.json`, its name
//! from the days it was "Zettelkasten prefixer") and the Appearance page
//! (`appearance.json`). Blank text reads as unset: Obsidian writes `""` for
//! an option left at its default (a daily-note format of `""` means
//! `YYYY-MM-DD`).

use super::Fields;

fn text(f: &mut Fields<'_>, key: &str) -> Option<String> {
    f.string(key).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Daily notes: "New file location", "Date format", "Template file location".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DailyNotes {
    pub folder: Option<String>,
    pub format: Option<String>,
    pub template: Option<String>,
}

impl DailyNotes {
    pub fn read(f: &mut Fields<'_>) -> DailyNotes {
        DailyNotes { folder: text(f, "folder"), format: text(f, "format"), template: text(f, "template") }
    }
}

/// Templates: "Template folder location", "Date format", "Time format".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Templates {
    pub folder: Option<String>,
    pub date_format: Option<String>,
    pub time_format: Option<String>,
}

impl Templates {
    pub fn read(f: &mut Fields<'_>) -> Templates {
        Templates { folder: text(f, "folder"), date_format: text(f, "dateFormat"), time_format: text(f, "timeFormat") }
    }
}

/// Unique note creator: "New file location", "Unique prefix format",
/// "Template file location".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UniqueNote {
    pub folder: Option<String>,
    pub format: Option<String>,
    pub template: Option<String>,
}

impl UniqueNote {
    pub fn read(f: &mut Fields<'_>) -> UniqueNote {
        UniqueNote { folder: text(f, "folder"), format: text(f, "format"), template: text(f, "template") }
    }
}

/// Light, dark, or following the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    System,
}

/// The Appearance page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Appearance {
    /// `theme`: `moonstone` (light), `obsidian` (dark) or `system`.
    pub theme: Option<Theme>,
    /// `accentColor`: a CSS colour such as `#7c3aed`.
    pub accent_color: Option<String>,
    /// `baseFontSize`, in pixels.
    pub font_size: Option<f64>,
    pub interface_font: Option<String>,
    pub text_font: Option<String>,
}

impl Appearance {
    pub fn read(f: &mut Fields<'_>) -> Appearance {
        let theme = f.choice("theme", &["moonstone", "obsidian", "system"]).map(|t| match t.as_str() {
            "moonstone" => Theme::Light,
            "obsidian" => Theme::Dark,
            _ => Theme::System,
        });
        let accent_color = text(f, "accentColor");
        let accent_color = match accent_color {
            Some(c) if is_css_colour(&c) => Some(c),
            Some(c) => {
                f.note(format!("\"accentColor\" {c:?} is not a #rrggbb colour; ignored"));
                None
            }
            None => None,
        };
        Appearance {
            theme,
            accent_color,
            font_size: f.number("baseFontSize").filter(|s| (8.0..=72.0).contains(s)),
            interface_font: text(f, "interfaceFontFamily"),
            text_font: text(f, "textFontFamily"),
        }
    }
}

/// `#rgb` or `#rrggbb`: the only colours that reach the page's CSS.
pub fn is_css_colour(value: &str) -> bool {
    let hex = value.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}
