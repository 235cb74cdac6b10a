//! Følgeevaluering: the programmes one is a member of (an evaluator's, typically several
//! municipalities of a network) side by side.
pub mod compare_page;
