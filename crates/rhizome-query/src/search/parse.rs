//! Tokens to an [`Expr`]. The grammar (AND binds tighter than OR, as in
//! Obsidian's `meeting work OR meetup personal`):
//!
//! ```text
//! query    = or?
//! or       = and ("OR" and)*
//! and      = unary+
//! unary    = "-" unary | atom
//! atom     = "(" or ")" | OPERATOR unary | "[" name (":" value)? "]" | word | phrase | regex
//! value    = "null" | ("<" | "<=" | ">" | ">=") text | or
//! ```

use super::ast::{Comparison, Expr, Property, PropertyValue, Term, TermKind};
use super::lexer::{tokens, Tok, Token};
use super::QueryError;
use std::ops::Range;

/// Parses a query. `Ok(None)` for a query with no terms (empty, or only spaces).
pub fn parse(src: &str) -> Result<Option<Expr>, QueryError> {
    let toks = tokens(src)?;
    let mut parser = Parser { toks: &toks, at: 0, len: src.len() };
    if toks.is_empty() {
        return Ok(None);
    }
    let expr = parser.or()?;
    match parser.toks.get(parser.at) {
        None => Ok(Some(expr)),
        Some(t) => Err(parser.unexpected(t)),
    }
}

struct Parser<'a> {
    toks: &'a [Token],
    at: usize,
    len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.tok)
    }

    fn span(&self) -> Range<usize> {
        self.toks.get(self.at).map_or(self.len..self.len, |t| t.span.clone())
    }

    fn unexpected(&self, t: &Token) -> QueryError {
        let message = match t.tok {
            Tok::RParen => "there is a “)” with no “(” before it".to_string(),
            Tok::RBracket => "there is a “]” with no “[” before it".to_string(),
            Tok::Colon => "a “:” is out of place here".to_string(),
            _ => "this part of the query is out of place".to_string(),
        };
        QueryError::new(message, t.span.clone())
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let start = self.span();
        if self.peek() == Some(&Tok::Or) {
            return Err(QueryError::new("“OR” needs search terms on both sides", start));
        }
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            let or_span = self.span();
            self.at += 1;
            if matches!(self.peek(), None | Some(Tok::Or | Tok::RParen | Tok::RBracket)) {
                return Err(QueryError::new("“OR” needs search terms on both sides", or_span));
            }
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.pop().expect("one part") } else { Expr::Or(parts) })
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut parts = Vec::new();
        while !matches!(self.peek(), None | Some(Tok::Or | Tok::RParen | Tok::RBracket)) {
            parts.push(self.unary()?);
        }
        if parts.is_empty() {
            return Err(QueryError::new("a search term is missing here", self.span()));
        }
        Ok(if parts.len() == 1 { parts.pop().expect("one part") } else { Expr::And(parts) })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        if self.peek() == Some(&Tok::Minus) {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, QueryError> {
        let Some(token) = self.toks.get(self.at) else {
            return Err(QueryError::new("a search term is missing at the end", self.len..self.len));
        };
        let span = token.span.clone();
        self.at += 1;
        match &token.tok {
            Tok::LParen => {
                if self.peek() == Some(&Tok::RParen) {
                    return Err(QueryError::new("the parentheses are empty", span.start..self.span().end));
                }
                let inner = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(QueryError::new("a “(” is not closed: add a “)”", span));
                }
                self.at += 1;
                Ok(inner)
            }
            Tok::Op(op) => Ok(Expr::Op(*op, Box::new(self.unary()?))),
            Tok::LBracket => self.property(span),
            Tok::Word(w) => Ok(Expr::Term(Term { kind: TermKind::Word, text: w.clone(), span })),
            Tok::Phrase(p) => Ok(Expr::Term(Term { kind: TermKind::Phrase, text: p.clone(), span })),
            Tok::Regex(r) => Ok(Expr::Term(Term { kind: TermKind::Regex, text: r.clone(), span })),
            Tok::Or | Tok::RParen | Tok::RBracket | Tok::Colon | Tok::Minus => {
                self.at -= 1;
                Err(self.unexpected(token))
            }
        }
    }

    /// After `[`: the name, then `]` or `:` and a value, then `]`.
    fn property(&mut self, open: Range<usize>) -> Result<Expr, QueryError> {
        let unclosed = || QueryError::new("a “[” is not closed: add a “]”", open.clone());
        let name = match self.toks.get(self.at) {
            Some(Token { tok: Tok::Word(w), span }) => {
                Term { kind: TermKind::Word, text: w.clone(), span: span.clone() }
            }
            Some(Token { tok: Tok::Phrase(p), span }) => {
                Term { kind: TermKind::Phrase, text: p.clone(), span: span.clone() }
            }
            Some(Token { tok: Tok::Regex(r), span }) => {
                Term { kind: TermKind::Regex, text: r.clone(), span: span.clone() }
            }
            Some(_) => return Err(QueryError::new("a property needs a name: [name] or [name:value]", open)),
            None => return Err(unclosed()),
        };
        self.at += 1;
        let value = match self.peek() {
            Some(Tok::RBracket) => None,
            Some(Tok::Colon) => {
                self.at += 1;
                if matches!(self.peek(), Some(Tok::RBracket) | None) {
                    return Err(QueryError::new(
                        format!("[{}:] needs a value after the colon (or write [{}])", name.text, name.text),
                        open.start..self.span().end,
                    ));
                }
                Some(self.property_value()?)
            }
            None => return Err(unclosed()),
            Some(_) => return Err(QueryError::new("a property is written [name] or [name:value]", self.span())),
        };
        if self.peek() != Some(&Tok::RBracket) {
            return Err(unclosed());
        }
        self.at += 1;
        Ok(Expr::Property(Property { name, value }))
    }

    fn property_value(&mut self) -> Result<PropertyValue, QueryError> {
        // One bare word before `]` may be `null` or a comparison.
        if let (Some(Token { tok: Tok::Word(w), span }), Some(Tok::RBracket)) =
            (self.toks.get(self.at), self.toks.get(self.at + 1).map(|t| &t.tok))
        {
            if w.eq_ignore_ascii_case("null") {
                self.at += 1;
                return Ok(PropertyValue::Null);
            }
            if let Some((cmp, operand)) = comparison(w) {
                if operand.is_empty() {
                    return Err(QueryError::new(
                        format!("“{}” needs a number or a date after it", cmp.symbol()),
                        span.clone(),
                    ));
                }
                self.at += 1;
                return Ok(PropertyValue::Compare(cmp, operand.to_string()));
            }
        }
        Ok(PropertyValue::Query(Box::new(self.or()?)))
    }
}

/// `<5` → (Less, "5"); `>=2024-01-01` → (GreaterOrEqual, "2024-01-01").
fn comparison(word: &str) -> Option<(Comparison, &str)> {
    let table = [
        ("<=", Comparison::LessOrEqual),
        (">=", Comparison::GreaterOrEqual),
        ("<", Comparison::Less),
        (">", Comparison::Greater),
    ];
    table.into_iter().find_map(|(prefix, cmp)| word.strip_prefix(prefix).map(|rest| (cmp, rest.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::ast::Operator;

    fn word(s: &str) -> Expr {
        Expr::Term(Term { kind: TermKind::Word, text: s.into(), span: 0..0 })
    }

    /// The parse with spans zeroed, to compare shapes.
    fn shape(src: &str) -> Expr {
        fn strip(e: Expr) -> Expr {
            match e {
                Expr::And(v) => Expr::And(v.into_iter().map(strip).collect()),
                Expr::Or(v) => Expr::Or(v.into_iter().map(strip).collect()),
                Expr::Not(e) => Expr::Not(Box::new(strip(*e))),
                Expr::Term(t) => Expr::Term(Term { span: 0..0, ..t }),
                Expr::Op(op, e) => Expr::Op(op, Box::new(strip(*e))),
                Expr::Property(p) => Expr::Property(Property {
                    name: Term { span: 0..0, ..p.name },
                    value: p.value.map(|v| match v {
                        PropertyValue::Query(q) => PropertyValue::Query(Box::new(strip(*q))),
                        other => other,
                    }),
                }),
            }
        }
        strip(parse(src).unwrap().unwrap())
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert_eq!(
            shape("meeting work OR meetup personal"),
            Expr::Or(vec![
                Expr::And(vec![word("meeting"), word("work")]),
                Expr::And(vec![word("meetup"), word("personal")])
            ])
        );
        assert_eq!(
            shape("meeting (work OR meetup) personal"),
            Expr::And(vec![word("meeting"), Expr::Or(vec![word("work"), word("meetup")]), word("personal")])
        );
    }

    #[test]
    fn negation_of_words_groups_and_operators() {
        assert_eq!(
            shape("meeting -(work meetup)"),
            Expr::And(vec![word("meeting"), Expr::Not(Box::new(Expr::And(vec![word("work"), word("meetup")])))])
        );
        assert_eq!(
            shape("foo -tag:#bar"),
            Expr::And(vec![word("foo"), Expr::Not(Box::new(Expr::Op(Operator::Tag, Box::new(word("#bar")))))])
        );
    }

    #[test]
    fn properties_with_values_nulls_and_comparisons() {
        let prop = |name: &str, value: Option<PropertyValue>| {
            Expr::Property(Property { name: Term { kind: TermKind::Word, text: name.into(), span: 0..0 }, value })
        };
        assert_eq!(shape("[aliases]"), prop("aliases", None));
        assert_eq!(shape("[aliases:null]"), prop("aliases", Some(PropertyValue::Null)));
        assert_eq!(
            shape("[duration:<5]"),
            prop("duration", Some(PropertyValue::Compare(Comparison::Less, "5".into())))
        );
        assert_eq!(
            shape("[status:Draft OR Published]"),
            prop("status", Some(PropertyValue::Query(Box::new(Expr::Or(vec![word("Draft"), word("Published")])))))
        );
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        for (query, says) in [
            ("(foo", "not closed"),
            ("foo OR", "OR"),
            ("OR foo", "OR"),
            ("a OR OR b", "OR"),
            ("()", "empty"),
            ("[status", "not closed"),
            ("[status:]", "value"),
            ("[:x]", "name"),
            ("[x:<]", "number"),
            ("\"open", "quote"),
            ("/open", "not closed"),
        ] {
            let err = parse(query).expect_err(query);
            assert!(err.message.contains(says), "{query}: {}", err.message);
            assert!(err.span.end <= query.len(), "{query}: span {:?}", err.span);
        }
        assert_eq!(parse("   ").unwrap(), None);
    }
}
