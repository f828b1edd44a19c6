//! Cutting a query into tokens, as Obsidian's search box reads it (help page
//! "Search", obsidianmd/obsidian-help `en/Plugins/Search.md`):
//!
//! - white space separates terms; `OR` (upper case, on its own) is a token;
//! - `-` before a term, operator, group or property negates it;
//! - `"…"` is a phrase, where `\"` is a quote and `\\` a backslash;
//! - `/…/` is a regular expression (a `/` inside it is written `\/`; one
//!   inside a `[class]` needs no escape, as in JavaScript);
//! - `name:` is an operator when `name` is one of Obsidian's, else the word
//!   is plain text (`http://x` searches for `http://x`);
//! - `(` opens a group where a term starts; `)` closes one (outside a group
//!   it is part of the word, so `f(x)` finds `f(x)`);
//! - `[` where a term starts opens a property, closed by `]`.

use super::ast::Operator;
use super::QueryError;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Word(String),
    Phrase(String),
    Regex(String),
    /// An operator; its operand follows as the next token.
    Op(Operator),
    LParen,
    RParen,
    /// `[`: a property name follows.
    LBracket,
    /// `:` between a property's name and value.
    Colon,
    RBracket,
    Minus,
    Or,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

struct Lexer<'a> {
    src: &'a str,
    at: usize,
    parens: usize,
    brackets: usize,
    /// Right after `[`: the property name comes next.
    want_name: bool,
    out: Vec<Token>,
}

/// The tokens of `src`, or the first syntax error (an unclosed quote or regex).
pub fn tokens(src: &str) -> Result<Vec<Token>, QueryError> {
    let mut lexer = Lexer { src, at: 0, parens: 0, brackets: 0, want_name: false, out: Vec::new() };
    lexer.run()?;
    Ok(lexer.out)
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.at..].chars().next()
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.out.push(Token { tok, span: start..self.at });
    }

    /// A term ends at white space, at the end, at `)` inside a group and at `]` inside a property.
    fn ends_term(&self, c: char) -> bool {
        c.is_whitespace() || (c == ')' && self.parens > 0) || (c == ']' && self.brackets > 0)
    }

    fn run(&mut self) -> Result<(), QueryError> {
        while let Some(c) = self.peek() {
            let start = self.at;
            if c.is_whitespace() {
                self.at += c.len_utf8();
                continue;
            }
            if self.want_name {
                self.want_name = false;
                self.property_name()?;
                continue;
            }
            match c {
                '(' => {
                    self.at += 1;
                    self.parens += 1;
                    self.push(Tok::LParen, start);
                }
                ')' if self.parens > 0 => {
                    self.at += 1;
                    self.parens -= 1;
                    self.push(Tok::RParen, start);
                }
                ']' if self.brackets > 0 => {
                    self.at += 1;
                    self.brackets -= 1;
                    self.push(Tok::RBracket, start);
                }
                '[' => {
                    self.at += 1;
                    self.brackets += 1;
                    self.want_name = true;
                    self.push(Tok::LBracket, start);
                }
                '-' => {
                    self.at += 1;
                    // A lone `-` (as while typing `foo -`) negates nothing and is left out.
                    if self.peek().is_some_and(|n| !self.ends_term(n)) {
                        self.push(Tok::Minus, start);
                    }
                }
                _ => self.term()?,
            }
        }
        Ok(())
    }

    /// A word, phrase or regex, or an operator (whose operand is lexed next).
    fn term(&mut self) -> Result<(), QueryError> {
        let start = self.at;
        match self.peek() {
            Some('"') => {
                let text = self.phrase()?;
                self.push(Tok::Phrase(text), start);
            }
            Some('/') => {
                let source = self.regex()?;
                self.push(Tok::Regex(source), start);
            }
            _ => {
                let word = self.word();
                if let Some(op) = self.operator(&word) {
                    self.at = start + word.find(':').unwrap_or(0) + 1;
                    self.push(Tok::Op(op), start);
                    if self.peek().is_none_or(|c| self.ends_term(c)) {
                        return Err(QueryError::new(
                            format!("“{}:” needs something to look for after the colon", op.name()),
                            start..self.at,
                        ));
                    }
                } else if word == "OR" {
                    self.push(Tok::Or, start);
                } else {
                    self.push(Tok::Word(word), start);
                }
            }
        }
        Ok(())
    }

    /// Reads to the end of the term; returns the word as written.
    fn word(&mut self) -> String {
        let start = self.at;
        while let Some(c) = self.peek() {
            if self.ends_term(c) {
                break;
            }
            self.at += c.len_utf8();
        }
        self.src[start..self.at].to_string()
    }

    /// The operator a word starts with (`file:` in `file:x`), if any.
    fn operator(&self, word: &str) -> Option<Operator> {
        let (name, _) = word.split_once(':')?;
        Operator::from_name(name)
    }

    /// `"…"` with `\"` and `\\` escapes; the position is on the opening quote.
    fn phrase(&mut self) -> Result<String, QueryError> {
        let start = self.at;
        self.at += 1;
        let mut text = String::new();
        let mut chars = self.src[self.at..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(text);
                }
                '\\' => match chars.next() {
                    Some((_, e @ ('"' | '\\'))) => text.push(e),
                    Some((_, other)) => {
                        text.push('\\');
                        text.push(other);
                    }
                    None => text.push('\\'),
                },
                _ => text.push(c),
            }
        }
        self.at = self.src.len();
        Err(QueryError::new("a quote is not closed: add a \" at the end of the phrase", start..self.at))
    }

    /// `/…/`: the source between the slashes, with `\/` read as `/`. The
    /// closing slash is the first unescaped one outside a class that ends the term.
    fn regex(&mut self) -> Result<String, QueryError> {
        let start = self.at;
        let body = &self.src[start + 1..];
        let mut source = String::new();
        let mut class = false;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, '/')) => source.push('/'),
                    Some((_, e)) => {
                        source.push('\\');
                        source.push(e);
                    }
                    None => source.push('\\'),
                },
                '[' if !class => {
                    class = true;
                    source.push(c);
                }
                ']' if class => {
                    class = false;
                    source.push(c);
                }
                '/' if !class => {
                    let after = start + 1 + i + 1;
                    if self.src[after..].chars().next().is_none_or(|n| self.ends_term(n)) {
                        self.at = after;
                        return Ok(source);
                    }
                    source.push('/');
                }
                _ => source.push(c),
            }
        }
        self.at = self.src.len();
        Err(QueryError::new(
            "a regular expression is not closed: end it with / (write \\/ for a slash inside it)",
            start..self.at,
        ))
    }

    /// A property's name after `[`: a phrase, a regex or a bare name up to `:` or `]`.
    fn property_name(&mut self) -> Result<(), QueryError> {
        let start = self.at;
        match self.peek() {
            Some('"') => {
                let text = self.phrase()?;
                self.push(Tok::Phrase(text), start);
            }
            Some('/') => {
                let source = self.regex_in_brackets()?;
                self.push(Tok::Regex(source), start);
            }
            _ => {
                while let Some(c) = self.peek() {
                    if c == ':' || c == ']' {
                        break;
                    }
                    self.at += c.len_utf8();
                }
                let name = self.src[start..self.at].trim().to_string();
                if !name.is_empty() {
                    self.push(Tok::Word(name), start);
                }
            }
        }
        if self.peek() == Some(':') {
            let colon = self.at;
            self.at += 1;
            self.push(Tok::Colon, colon);
        }
        Ok(())
    }

    /// A regex as a property name: it ends at a `/` followed by `:` or `]`.
    fn regex_in_brackets(&mut self) -> Result<String, QueryError> {
        let start = self.at;
        let rest = &self.src[start + 1..];
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            if escaped {
                escaped = false;
                continue;
            }
            match c {
                '\\' => escaped = true,
                '/' if matches!(rest[i + 1..].chars().next(), Some(':' | ']')) => {
                    self.at = start + 1 + i + 1;
                    return Ok(rest[..i].replace("\\/", "/"));
                }
                _ => {}
            }
        }
        self.at = self.src.len();
        Err(QueryError::new("a regular expression is not closed: end it with /", start..self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokens(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn word(s: &str) -> Tok {
        Tok::Word(s.into())
    }

    #[test]
    fn words_phrases_and_escapes() {
        assert_eq!(toks("meeting  work"), [word("meeting"), word("work")]);
        assert_eq!(
            toks(r#""they said \"hello\" to each other" a\b"#),
            [Tok::Phrase(r#"they said "hello" to each other"#.into()), word(r"a\b")]
        );
        assert_eq!(toks(r#""back\\slash""#), [Tok::Phrase(r"back\slash".into())]);
        assert_eq!(toks("a OR b or"), [word("a"), Tok::Or, word("b"), word("or")]);
    }

    #[test]
    fn negation_groups_and_literal_parentheses() {
        assert_eq!(
            toks("meeting -(work meetup)"),
            [word("meeting"), Tok::Minus, Tok::LParen, word("work"), word("meetup"), Tok::RParen]
        );
        assert_eq!(toks("f(x) e-mail"), [word("f(x)"), word("e-mail")]);
        assert_eq!(toks("foo -"), [word("foo")]);
    }

    #[test]
    fn operators_take_the_next_token() {
        assert_eq!(
            toks("task:(call OR email)"),
            [Tok::Op(Operator::Task), Tok::LParen, word("call"), Tok::Or, word("email"), Tok::RParen]
        );
        assert_eq!(toks(r"path:/\d{4}/"), [Tok::Op(Operator::Path), Tok::Regex(r"\d{4}".into())]);
        assert_eq!(toks("http://x.org"), [word("http://x.org")]);
        assert_eq!(toks("Tag:#work"), [Tok::Op(Operator::Tag), word("#work")]);
        assert!(tokens("file:").unwrap_err().message.contains("file:"));
        assert!(tokens("file: x").is_err());
    }

    #[test]
    fn regexes_end_at_a_slash_that_ends_the_term() {
        assert_eq!(toks(r"/a\/b[/]c/ x"), [Tok::Regex("a/b[/]c".into()), word("x")]);
        assert_eq!(toks("/a/b/"), [Tok::Regex("a/b".into())]);
        assert!(tokens("/abc").unwrap_err().message.contains("not closed"));
        assert!(tokens("\"abc").unwrap_err().message.contains("quote"));
    }

    #[test]
    fn properties() {
        assert_eq!(toks("[aliases]"), [Tok::LBracket, word("aliases"), Tok::RBracket]);
        assert_eq!(
            toks("[status:Draft OR Published]"),
            [Tok::LBracket, word("status"), Tok::Colon, word("Draft"), Tok::Or, word("Published"), Tok::RBracket]
        );
        assert_eq!(
            toks(r#"["my key":"a b"]"#),
            [Tok::LBracket, Tok::Phrase("my key".into()), Tok::Colon, Tok::Phrase("a b".into()), Tok::RBracket]
        );
        assert_eq!(
            toks("[/^stat/:x]"),
            [Tok::LBracket, Tok::Regex("^stat".into()), Tok::Colon, word("x"), Tok::RBracket]
        );
        assert_eq!(toks("a]"), [word("a]")]);
    }
}
