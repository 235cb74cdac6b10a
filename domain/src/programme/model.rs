//! Programme, focus area and goal as the app and the API see them.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An *områdesatsing* programme with its taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: Uuid,
    /// Its name in URLs (`/p/{slug}/…`), fixed when it is created.
    pub slug: String,
    pub fields: ProgrammeFields,
    /// In display order.
    pub focus_areas: Vec<FocusArea>,
    /// In display order.
    pub goals: Vec<Goal>,
}

/// A programme as a list names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeName {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
}

/// The editable facts of a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFields {
    pub name: String,
    pub area: String,
    pub start_year: i32,
    pub end_year: i32,
    /// The yearly budget frame in whole kroner.
    pub yearly_budget_nok: i64,
}

/// An *innsatsområde*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusArea {
    pub id: Uuid,
    pub name: String,
    pub description: String,
}

/// A goal (*mål*) for the end of the programme, serving one or more focus areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// Ids of the linked focus areas, in the focus areas' display order.
    pub focus_area_ids: Vec<Uuid>,
}

impl Programme {
    /// Names of the focus areas a goal serves, in display order.
    pub fn focus_area_names(&self, goal: &Goal) -> Vec<String> {
        self.focus_areas
            .iter()
            .filter(|fa| goal.focus_area_ids.contains(&fa.id))
            .map(|fa| fa.name.clone())
            .collect()
    }

    /// Titles of the goals that serve a focus area, in display order.
    pub fn goal_titles(&self, focus_area: &FocusArea) -> Vec<String> {
        self.goals
            .iter()
            .filter(|g| g.focus_area_ids.contains(&focus_area.id))
            .map(|g| g.title.clone())
            .collect()
    }
}

/// Formats whole kroner grouped by thousands with `group`: a no-break space in Norwegian
/// (`5 000 000`), a comma in English (`5,000,000`).
pub fn format_nok(amount: i64, group: char) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '−');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_nok;

    #[test]
    fn kroner_are_grouped_by_thousands() {
        assert_eq!(format_nok(5_000_000, '\u{a0}'), "5\u{a0}000\u{a0}000");
        assert_eq!(format_nok(999, ','), "999");
        assert_eq!(format_nok(1000, ','), "1,000");
        assert_eq!(format_nok(-25_000, '\u{a0}'), "−25\u{a0}000");
        assert_eq!(format_nok(0, ','), "0");
    }
}
