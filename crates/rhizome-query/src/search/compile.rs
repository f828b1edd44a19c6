//! An [`Expr`] made ready to evaluate: each term knows where it looks
//! (text or path, file name, path, tags, a property's values) and whether
//! it ignores case, and regexes are compiled (a bad one is a [`QueryError`]
//! pointing at it).

use super::ast::{Comparison, Expr, Operator, PropertyValue, Term, TermKind};
use super::term::Matcher;
use super::text::fold;
use super::QueryError;

/// Where a term looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A plain term: the note's text or its path (inside `line:` and the
    /// other scopes: the unit's text only).
    Default,
    /// `content:`: the text only.
    Content,
    /// `file:`: the file name, with its extension, of any file.
    File,
    /// `path:`: the vault path of any file.
    Path,
    /// Inside `[name:…]`: each of the property's values.
    Value,
}

/// What `task:`, `task-todo:` and `task-done:` keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    Any,
    Todo,
    Done,
}

/// The units a scope operator evaluates its sub-query on, one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Line,
    Block,
    Section,
    Task(TaskState),
}

#[derive(Clone, Debug)]
pub enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Match { field: Field, matcher: Matcher },
    Tag(TagTest),
    Scope(Scope, Box<Node>),
    Property(PropertyTest),
}

/// `tag:x`: the tag `x` or one nested under it; a regex matches tag names.
#[derive(Clone, Debug)]
pub enum TagTest {
    /// Lower case, without `#` or a trailing `/`.
    Name(String),
    Regex(Matcher),
}

#[derive(Clone, Debug)]
pub struct PropertyTest {
    pub name: NameTest,
    pub value: ValueTest,
}

#[derive(Clone, Debug)]
pub enum NameTest {
    /// The key, lower case (keys are compared ignoring case).
    Equal(String),
    Regex(Matcher),
}

impl NameTest {
    /// Whether a property's key passes.
    pub fn fits(&self, key: &str) -> bool {
        match self {
            NameTest::Equal(name) if key.is_ascii() => key.eq_ignore_ascii_case(name),
            NameTest::Equal(name) => fold(key) == *name,
            NameTest::Regex(matcher) => matcher.is_match(key),
        }
    }
}

#[derive(Clone, Debug)]
pub enum ValueTest {
    Exists,
    Null,
    Compare(Comparison, String),
    Query(Box<Node>),
}

#[derive(Clone, Copy)]
struct Context {
    ignore_case: bool,
    field: Field,
    in_tag: bool,
}

/// Compiles `expr`; `ignore_case` is the default (the pane's "Match case" off).
pub fn compile(expr: &Expr, ignore_case: bool) -> Result<Node, QueryError> {
    node(expr, Context { ignore_case, field: Field::Default, in_tag: false })
}

fn node(expr: &Expr, cx: Context) -> Result<Node, QueryError> {
    Ok(match expr {
        Expr::And(parts) => Node::And(parts.iter().map(|p| node(p, cx)).collect::<Result<_, _>>()?),
        Expr::Or(parts) => Node::Or(parts.iter().map(|p| node(p, cx)).collect::<Result<_, _>>()?),
        Expr::Not(inner) => Node::Not(Box::new(node(inner, cx)?)),
        Expr::Term(term) if cx.in_tag => Node::Tag(match term.kind {
            TermKind::Regex => TagTest::Regex(matcher(term, cx.ignore_case)?),
            _ => TagTest::Name(fold(term.text.trim().trim_start_matches('#').trim_end_matches('/'))),
        }),
        Expr::Term(term) => Node::Match { field: cx.field, matcher: matcher(term, cx.ignore_case)? },
        Expr::Op(op, inner) => {
            let scoped = |scope| -> Result<Node, QueryError> { Ok(Node::Scope(scope, Box::new(node(inner, cx)?))) };
            let case_only = matches!(op, Operator::MatchCase | Operator::IgnoreCase);
            if cx.field == Field::Value && !case_only {
                // Inside a property's value only the case operators mean anything.
                return node(inner, cx);
            }
            match op {
                Operator::File => node(inner, Context { field: Field::File, ..cx })?,
                Operator::Path => node(inner, Context { field: Field::Path, ..cx })?,
                Operator::Content => node(inner, Context { field: Field::Content, ..cx })?,
                Operator::MatchCase => node(inner, Context { ignore_case: false, ..cx })?,
                Operator::IgnoreCase => node(inner, Context { ignore_case: true, ..cx })?,
                Operator::Tag => node(inner, Context { in_tag: true, ..cx })?,
                Operator::Line => scoped(Scope::Line)?,
                Operator::Block => scoped(Scope::Block)?,
                Operator::Section => scoped(Scope::Section)?,
                Operator::Task => scoped(Scope::Task(TaskState::Any))?,
                Operator::TaskTodo => scoped(Scope::Task(TaskState::Todo))?,
                Operator::TaskDone => scoped(Scope::Task(TaskState::Done))?,
            }
        }
        Expr::Property(prop) => {
            let name = match prop.name.kind {
                TermKind::Regex => NameTest::Regex(matcher(&prop.name, true)?),
                _ => NameTest::Equal(fold(prop.name.text.trim())),
            };
            let value = match &prop.value {
                None => ValueTest::Exists,
                Some(PropertyValue::Null) => ValueTest::Null,
                Some(PropertyValue::Compare(cmp, operand)) => ValueTest::Compare(*cmp, operand.clone()),
                Some(PropertyValue::Query(q)) => {
                    ValueTest::Query(Box::new(node(q, Context { field: Field::Value, in_tag: false, ..cx })?))
                }
            };
            Node::Property(PropertyTest { name, value })
        }
    })
}

fn matcher(term: &Term, ignore_case: bool) -> Result<Matcher, QueryError> {
    match term.kind {
        TermKind::Regex => Matcher::regex(&term.text, ignore_case).map_err(|m| QueryError::new(m, term.span.clone())),
        TermKind::Word | TermKind::Phrase => Ok(Matcher::literal(&term.text, ignore_case)),
    }
}
