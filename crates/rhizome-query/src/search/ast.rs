//! The parsed form of a search query, as written: what `parse` produces,
//! `explain` describes and `compile` turns into something to evaluate.

use std::ops::Range;

/// A query expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// Every part must match (terms separated by white space).
    And(Vec<Expr>),
    /// At least one part must match (`OR`).
    Or(Vec<Expr>),
    /// The part must not match (`-`).
    Not(Box<Expr>),
    /// A word, an `"exact phrase"` or a `/regular expression/`.
    Term(Term),
    /// `file:`, `path:`, `line:` and the other operators, with their operand.
    Op(Operator, Box<Expr>),
    /// `[property]`, `[property:value]`, `[property:null]`, `[property:>5]`.
    Property(Property),
}

/// How a term was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    Word,
    /// `"quoted"`: may hold spaces and operators' syntax as plain text.
    Phrase,
    /// `/source/`, JavaScript-flavoured (see `regex_js`).
    Regex,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub kind: TermKind,
    /// The text to look for (unescaped), or the regular expression's source.
    pub text: String,
    /// Where the term is in the query (byte offsets), for error messages.
    pub span: Range<usize>,
}

/// The search operators of Obsidian's help page ("Search operators").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    File,
    Path,
    Content,
    MatchCase,
    IgnoreCase,
    Tag,
    Line,
    Block,
    Section,
    Task,
    TaskTodo,
    TaskDone,
}

impl Operator {
    pub const ALL: [Operator; 12] = [
        Operator::File,
        Operator::Path,
        Operator::Content,
        Operator::MatchCase,
        Operator::IgnoreCase,
        Operator::Tag,
        Operator::Line,
        Operator::Block,
        Operator::Section,
        Operator::Task,
        Operator::TaskTodo,
        Operator::TaskDone,
    ];

    /// The name as typed before the colon.
    pub fn name(self) -> &'static str {
        match self {
            Operator::File => "file",
            Operator::Path => "path",
            Operator::Content => "content",
            Operator::MatchCase => "match-case",
            Operator::IgnoreCase => "ignore-case",
            Operator::Tag => "tag",
            Operator::Line => "line",
            Operator::Block => "block",
            Operator::Section => "section",
            Operator::Task => "task",
            Operator::TaskTodo => "task-todo",
            Operator::TaskDone => "task-done",
        }
    }

    /// The operator named `name` (any case).
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.name().eq_ignore_ascii_case(name))
    }
}

/// `[name]` or `[name:value]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// The property's name: a word or phrase (equal to the key, ignoring
    /// case) or a regular expression (matching the key).
    pub name: Term,
    /// `None` for `[name]`: the note has the property.
    pub value: Option<PropertyValue>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PropertyValue {
    /// `[name:null]`: the property is there with no value.
    Null,
    /// `[name:<5]`, `[name:>=2024-01-01]`: a number or date comparison.
    Compare(Comparison, String),
    /// Any other value: a sub-query matched against each of the property's values.
    Query(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
        }
    }
}
