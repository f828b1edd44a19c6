//! `.obsidian/hotkeys.json`: the hotkeys a person set in Obsidian, as
//! `{"command-id": [{"modifiers": ["Mod", "Shift"], "key": "K"}]}`; an empty
//! list removes the command's default. Turned into Rhizome's chord notation
//! (`Mod+Shift+K`: `Mod` for Ctrl or Cmd, then `Alt`, then `Shift`, letters
//! upper case, other keys by their `KeyboardEvent.key` name), which the UI
//! maps onto its own commands.

use super::Fields;
use serde_json::Value;
use std::collections::BTreeMap;

/// One Obsidian hotkey object as a chord, or `None` when it is not one.
pub fn chord(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    let key = object.get("key")?.as_str()?.trim();
    if key.is_empty() {
        return None;
    }
    let mut mods = (false, false, false);
    for modifier in object.get("modifiers").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
        match modifier.as_str()? {
            // Obsidian's `Mod` is Cmd on macOS and Ctrl elsewhere; on Linux
            // a `Ctrl` or `Meta` hotkey is the same chord as `Mod`.
            "Mod" | "Ctrl" | "Meta" => mods.0 = true,
            "Alt" => mods.1 = true,
            "Shift" => mods.2 = true,
            _ => return None,
        }
    }
    let mut parts = Vec::new();
    if mods.0 {
        parts.push("Mod".to_string());
    }
    if mods.1 {
        parts.push("Alt".to_string());
    }
    if mods.2 {
        parts.push("Shift".to_string());
    }
    let key = if key.chars().count() == 1 { key.to_uppercase() } else { key.to_string() };
    parts.push(key);
    Some(parts.join("+"))
}

/// Every command's chords; commands whose list is not a list are skipped
/// with a notice, and hotkeys that are not understood are left out.
pub fn read(f: &mut Fields<'_>) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut odd = Vec::new();
    for (id, value) in f.entries() {
        match value {
            Value::Array(items) => {
                let chords: Vec<String> = items.iter().filter_map(chord).collect();
                if chords.len() != items.len() {
                    odd.push(id.clone());
                }
                out.insert(id.clone(), chords);
            }
            _ => odd.push(id.clone()),
        }
    }
    for id in odd {
        f.note(format!("a hotkey of \"{id}\" is not understood; left out"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn obsidian_hotkeys_become_chords() {
        assert_eq!(chord(&json!({"modifiers": ["Mod"], "key": "o"})).as_deref(), Some("Mod+O"));
        assert_eq!(chord(&json!({"modifiers": ["Shift", "Mod"], "key": "F"})).as_deref(), Some("Mod+Shift+F"));
        assert_eq!(
            chord(&json!({"modifiers": ["Alt", "Ctrl"], "key": "ArrowLeft"})).as_deref(),
            Some("Mod+Alt+ArrowLeft")
        );
        assert_eq!(chord(&json!({"modifiers": [], "key": "F2"})).as_deref(), Some("F2"));
        assert_eq!(chord(&json!({"key": ","})).as_deref(), Some(","));
        assert_eq!(chord(&json!({"modifiers": ["Hyper"], "key": "K"})), None);
        assert_eq!(chord(&json!({"modifiers": ["Mod"]})), None);
        assert_eq!(chord(&json!("Mod+K")), None);
    }
}
