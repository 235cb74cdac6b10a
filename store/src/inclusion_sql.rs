//! What `InclusionStore`'s calls share (`calls/inclusion.rs`): who counts as youth and
//! how an optional stored name is read.
use samskap_domain::store::StoreError;

/// Youth by age band or by their own role, as `inclusion::model::is_youth` says.
pub(super) const YOUTH: &str = "(p.age_band IN ('under_16', '16_19') OR p.role = 'youth')";

/// A stored enum name that may be absent, or an error naming what was not understood.
pub(super) fn parse_opt<T: std::str::FromStr>(
    what: &str,
    value: Option<String>,
) -> Result<Option<T>, StoreError> {
    value.map(|v| super::rows::parse(what, &v)).transpose()
}
