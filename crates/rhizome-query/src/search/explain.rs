//! "Explain search term": the parsed query in words, one clause per line,
//! nested clauses indented, as Obsidian's search pane shows it.

use super::ast::{Expr, Operator, PropertyValue, Term, TermKind};

/// The explanation of `expr`; `ignore_case` is the pane's default.
pub fn explain(expr: &Expr, ignore_case: bool) -> String {
    let mut out = Vec::new();
    walk(expr, Where::TextOrPath, ignore_case, 0, &mut out);
    out.join("\n")
}

#[derive(Clone, Copy, PartialEq)]
enum Where {
    TextOrPath,
    Text,
    FileName,
    Path,
    Tag,
    Value,
}

fn quoted(term: &Term) -> String {
    match term.kind {
        TermKind::Regex => format!("the regular expression /{}/", term.text),
        _ => format!("\"{}\"", term.text),
    }
}

fn walk(expr: &Expr, at: Where, ignore_case: bool, depth: usize, out: &mut Vec<String>) {
    let pad = "    ".repeat(depth);
    let case = if ignore_case { "" } else { " (matching case)" };
    match expr {
        Expr::And(parts) => {
            out.push(format!("{pad}Match all of:"));
            for part in parts {
                walk(part, at, ignore_case, depth + 1, out);
            }
        }
        Expr::Or(parts) => {
            out.push(format!("{pad}Match any of:"));
            for part in parts {
                walk(part, at, ignore_case, depth + 1, out);
            }
        }
        Expr::Not(inner) => {
            out.push(format!("{pad}Exclude files that match:"));
            walk(inner, at, ignore_case, depth + 1, out);
        }
        Expr::Term(term) => {
            let what = quoted(term);
            let line = match at {
                Where::TextOrPath => format!("Text or file path contains {what}{case}"),
                Where::Text => format!("Text contains {what}{case}"),
                Where::FileName => format!("File name contains {what}{case}"),
                Where::Path => format!("File path contains {what}{case}"),
                Where::Value => format!("Value contains {what}{case}"),
                Where::Tag if term.kind == TermKind::Regex => format!("Has a tag matching {what}"),
                Where::Tag => {
                    let tag = term.text.trim().trim_start_matches('#').trim_end_matches('/');
                    format!("Has the tag #{tag} (or a tag nested under it)")
                }
            };
            out.push(format!("{pad}{line}"));
        }
        Expr::Op(op, inner) => {
            let scoped = |title: &str, out: &mut Vec<String>| {
                out.push(format!("{pad}{title}"));
                let inner_at = if at == Where::TextOrPath { Where::Text } else { at };
                walk(inner, inner_at, ignore_case, depth + 1, out);
            };
            match op {
                Operator::File => walk(inner, Where::FileName, ignore_case, depth, out),
                Operator::Path => walk(inner, Where::Path, ignore_case, depth, out),
                Operator::Content => walk(inner, Where::Text, ignore_case, depth, out),
                Operator::MatchCase => walk(inner, at, false, depth, out),
                Operator::IgnoreCase => walk(inner, at, true, depth, out),
                Operator::Tag => walk(inner, Where::Tag, ignore_case, depth, out),
                Operator::Line => scoped("On one line:", out),
                Operator::Block => scoped("In one block:", out),
                Operator::Section => scoped("In one section (between two headings):", out),
                Operator::Task => scoped("In one task:", out),
                Operator::TaskTodo => scoped("In one task that is not done:", out),
                Operator::TaskDone => scoped("In one task that is done:", out),
            }
        }
        Expr::Property(prop) => {
            let name = match prop.name.kind {
                TermKind::Regex => format!("a property whose name matches /{}/", prop.name.text),
                _ => format!("the property \"{}\"", prop.name.text),
            };
            match &prop.value {
                None => out.push(format!("{pad}Has {name}")),
                Some(PropertyValue::Null) => out.push(format!("{pad}Has {name} with no value")),
                Some(PropertyValue::Compare(cmp, operand)) => {
                    let words = match cmp.symbol() {
                        "<" => "less than",
                        "<=" => "at most",
                        ">" => "greater than",
                        _ => "at least",
                    };
                    out.push(format!("{pad}Has {name} with a value {words} {operand}"));
                }
                Some(PropertyValue::Query(q)) => {
                    out.push(format!("{pad}Has {name} with a value that matches:"));
                    walk(q, Where::Value, ignore_case, depth + 1, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn words(query: &str) -> String {
        explain(&parse(query).unwrap().unwrap(), true)
    }

    #[test]
    fn clauses_in_words() {
        assert_eq!(
            words("meeting -(work OR meetup)"),
            "Match all of:\n    Text or file path contains \"meeting\"\n    Exclude files that match:\n        Match any of:\n            Text or file path contains \"work\"\n            Text or file path contains \"meetup\""
        );
        assert_eq!(words("file:.jpg"), "File name contains \".jpg\"");
        assert_eq!(words("match-case:HappyCat"), "Text or file path contains \"HappyCat\" (matching case)");
        assert_eq!(words("tag:#work/"), "Has the tag #work (or a tag nested under it)");
        assert_eq!(
            words("line:(mix flour)"),
            "On one line:\n    Match all of:\n        Text contains \"mix\"\n        Text contains \"flour\""
        );
        assert_eq!(words(r"path:/\d{4}/"), "File path contains the regular expression /\\d{4}/");
        assert_eq!(words("[duration:<5]"), "Has the property \"duration\" with a value less than 5");
        assert_eq!(words("[aliases:null]"), "Has the property \"aliases\" with no value");
        assert_eq!(
            words("[status:Draft OR Published]"),
            "Has the property \"status\" with a value that matches:\n    Match any of:\n        Value contains \"Draft\"\n        Value contains \"Published\""
        );
    }
}
