//! Following a measure through its year once the plan is adopted: who is responsible,
//! what was spent by funding source, dated progress notes, and the year's overview of
//! planned against spent with the measures that need an update.
#[cfg(feature = "ssr")]
pub mod access;
mod budget_table;
pub mod carry_over;
pub mod dashboard;
pub mod goals_page;
pub mod indicator_chart;
pub mod indicators;
pub mod labels;
pub mod measure_section;
pub mod money_chart;
pub mod progress;
pub mod responsible;
pub mod spending;
pub mod year_page;
