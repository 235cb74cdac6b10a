//! Participation counts and the diversity view computed from them, with small counts
//! suppressed so the view never identifies a person.
use crate::workshop::model::{AgeBand, ParticipantRole};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Counts from 1 to this minus one are shown as "<5".
pub const SMALLEST_SHOWN: u32 = 5;
/// The default retention period: days after a workshop closed.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// The longest retention period a programme may set (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;

/// Participants of one age band and role, and the cards they posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantGroup {
    pub age_band: Option<AgeBand>,
    pub role: Option<ParticipantRole>,
    pub participants: u32,
    pub cards: u32,
}

/// The participant cards about one focus area: the card's own, or else its workshop's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusAreaInput {
    pub focus_area_id: Uuid,
    pub cards: u32,
    pub youth_cards: u32,
}

/// Raw counts from the store (never shown as they are).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub groups: Vec<ParticipantGroup>,
    pub focus_areas: Vec<FocusAreaInput>,
}

/// A programme's privacy and participation settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionSettings {
    /// Days after a workshop closed until its participants' nicknames and tokens go.
    pub retention_days: u32,
    /// Target share of participants (percent) per age band; bands without one are absent.
    pub targets: Vec<(AgeBand, u8)>,
}

impl Default for InclusionSettings {
    fn default() -> Self {
        InclusionSettings {
            retention_days: DEFAULT_RETENTION_DAYS,
            targets: Vec::new(),
        }
    }
}

impl InclusionSettings {
    pub fn target(&self, band: AgeBand) -> Option<u8> {
        self.targets
            .iter()
            .find(|(b, _)| *b == band)
            .map(|(_, p)| *p)
    }
}

/// One card for the evaluation export: its author only as a participant id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationCard {
    pub participant_id: Option<Uuid>,
    pub by_staff: bool,
    pub age_band: Option<AgeBand>,
    pub role: Option<ParticipantRole>,
    pub board: String,
    pub kind: String,
    pub status: String,
    pub body: String,
    pub theme: String,
    pub focus_area: String,
    pub votes: u32,
    pub posted_at: chrono::DateTime<chrono::Utc>,
}

/// Whether a participant counts as youth: under 20 by age band, or by their own role.
pub fn is_youth(age_band: Option<AgeBand>, role: Option<ParticipantRole>) -> bool {
    matches!(age_band, Some(AgeBand::Under16 | AgeBand::Age16To19))
        || role == Some(ParticipantRole::Youth)
}

/// A count as it may be shown: exact when 0 or at least 5, otherwise only "few".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Count {
    Exact(u32),
    Few,
}

impl Count {
    pub fn of(n: u32) -> Count {
        if n == 0 || n >= SMALLEST_SHOWN {
            Count::Exact(n)
        } else {
            Count::Few
        }
    }

    /// The number when it may be shown, `None` for "few".
    pub fn exact(self) -> Option<u32> {
        match self {
            Count::Exact(n) => Some(n),
            Count::Few => None,
        }
    }

    pub fn shown(self) -> String {
        match self {
            Count::Exact(n) => n.to_string(),
            Count::Few => format!("<{SMALLEST_SHOWN}"),
        }
    }
}

/// A share in whole percent, left out when the part is a suppressed count (its exact
/// value could be worked back from the share and the total).
fn share(part: u32, whole: u32) -> Option<u8> {
    (whole > 0 && Count::of(part) != Count::Few).then(|| ((part * 100 + whole / 2) / whole) as u8)
}

/// One line of the view: participants and cards of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line<K> {
    pub key: K,
    pub participants: Count,
    pub cards: Count,
    /// Share of the participants who gave this answer, when it may be shown.
    pub share: Option<u8>,
    pub target: Option<u8>,
    /// Fewer of them than the programme's target.
    pub under_target: bool,
}

/// A focus area and the youth input on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusAreaLine {
    pub focus_area_id: Uuid,
    pub name: String,
    pub cards: Count,
    pub youth_cards: Count,
}

/// One workshop's turnout, for participation over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turnout {
    pub workshop_id: Uuid,
    pub title: String,
    pub starts_at: chrono::NaiveDateTime,
    pub participants: u32,
    /// Those who said they are under 20 or youth.
    pub young: u32,
}

impl Turnout {
    /// The young share in whole percent, unless the young are so few that the share
    /// would point them out (as in the diversity view).
    pub fn youth_share(&self) -> Option<u8> {
        share(self.young, self.participants)
    }
}

/// What the diversity view shows; every count already suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiversityView {
    pub participants: Count,
    pub cards: Count,
    /// By age band; `None` is "not given".
    pub by_age: Vec<Line<Option<AgeBand>>>,
    pub by_role: Vec<Line<Option<ParticipantRole>>>,
    pub youth_participants: Count,
    pub youth_share: Option<u8>,
    pub youth_card_share: Option<u8>,
    pub focus_areas: Vec<FocusAreaLine>,
    /// The age bands with fewer participants than the target.
    pub under_represented: Vec<AgeBand>,
}

impl DiversityView {
    /// The view of `raw` against `settings`; `focus_areas` are the programme's (id, name).
    pub fn new(
        raw: &Participation,
        settings: &InclusionSettings,
        focus_areas: &[(Uuid, String)],
    ) -> DiversityView {
        let total: u32 = raw.groups.iter().map(|g| g.participants).sum();
        let cards: u32 = raw.groups.iter().map(|g| g.cards).sum();
        let sum = |pick: &dyn Fn(&ParticipantGroup) -> bool| {
            raw.groups
                .iter()
                .filter(|g| pick(g))
                .fold((0, 0), |(p, c), g| (p + g.participants, c + g.cards))
        };
        let answered_age = sum(&|g| g.age_band.is_some()).0;
        let mut by_age: Vec<Line<Option<AgeBand>>> = AgeBand::ALL
            .iter()
            .map(|band| {
                let (p, c) = sum(&|g| g.age_band == Some(*band));
                let target = settings.target(*band);
                // Compared with those who gave an age band: "not given" is no group.
                let exact_share = (answered_age > 0).then(|| p * 100 / answered_age);
                let under_target = target.is_some_and(|t| exact_share.unwrap_or(0) < t as u32);
                Line {
                    key: Some(*band),
                    participants: Count::of(p),
                    cards: Count::of(c),
                    share: share(p, answered_age),
                    target,
                    under_target,
                }
            })
            .collect();
        let (p, c) = sum(&|g| g.age_band.is_none());
        by_age.push(unweighted_line(None, p, c));
        let mut by_role: Vec<Line<Option<ParticipantRole>>> = ParticipantRole::ALL
            .iter()
            .map(|role| {
                let (p, c) = sum(&|g| g.role == Some(*role));
                Line {
                    share: share(p, total),
                    ..unweighted_line(Some(*role), p, c)
                }
            })
            .collect();
        let (p, c) = sum(&|g| g.role.is_none());
        by_role.push(unweighted_line(None, p, c));
        let (youth, youth_cards) = sum(&|g| is_youth(g.age_band, g.role));
        let focus_areas = focus_areas
            .iter()
            .map(|(id, name)| {
                let input = raw.focus_areas.iter().find(|f| f.focus_area_id == *id);
                FocusAreaLine {
                    focus_area_id: *id,
                    name: name.clone(),
                    cards: Count::of(input.map_or(0, |f| f.cards)),
                    youth_cards: Count::of(input.map_or(0, |f| f.youth_cards)),
                }
            })
            .collect();
        let under_represented = by_age
            .iter()
            .filter(|l| l.under_target)
            .filter_map(|l| l.key)
            .collect();
        DiversityView {
            participants: Count::of(total),
            cards: Count::of(cards),
            by_age,
            by_role,
            youth_participants: Count::of(youth),
            youth_share: share(youth, total),
            youth_card_share: share(youth_cards, cards),
            focus_areas,
            under_represented,
        }
    }

    /// The focus areas no youth card is about.
    pub fn lacking_youth(&self) -> impl Iterator<Item = &FocusAreaLine> {
        self.focus_areas
            .iter()
            .filter(|f| f.youth_cards == Count::Exact(0))
    }
}

fn unweighted_line<K>(key: K, participants: u32, cards: u32) -> Line<K> {
    Line {
        key,
        participants: Count::of(participants),
        cards: Count::of(cards),
        share: None,
        target: None,
        under_target: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        age: Option<AgeBand>,
        role: Option<ParticipantRole>,
        p: u32,
        c: u32,
    ) -> ParticipantGroup {
        ParticipantGroup {
            age_band: age,
            role,
            participants: p,
            cards: c,
        }
    }

    #[test]
    fn counts_from_one_to_four_are_shown_as_fewer_than_five() {
        assert_eq!(Count::of(0).shown(), "0");
        for n in 1..5 {
            assert_eq!(Count::of(n).shown(), "<5", "{n}");
        }
        assert_eq!(Count::of(5).shown(), "5");
        assert_eq!(Count::of(123).shown(), "123");
    }

    #[test]
    fn small_groups_are_suppressed_with_their_shares_and_flagged_against_the_target() {
        let raw = Participation {
            groups: vec![
                group(Some(AgeBand::Under16), Some(ParticipantRole::Youth), 3, 7),
                group(
                    Some(AgeBand::Age35To66),
                    Some(ParticipantRole::Resident),
                    12,
                    30,
                ),
                group(None, None, 5, 2),
            ],
            focus_areas: vec![FocusAreaInput {
                focus_area_id: Uuid::nil(),
                cards: 20,
                youth_cards: 7,
            }],
        };
        let settings = InclusionSettings {
            retention_days: 90,
            targets: vec![(AgeBand::Under16, 30), (AgeBand::Age35To66, 20)],
        };
        let other = Uuid::from_u128(1);
        let view = DiversityView::new(
            &raw,
            &settings,
            &[(Uuid::nil(), "Møteplasser".into()), (other, "Bolig".into())],
        );
        assert_eq!(view.participants, Count::Exact(20));
        assert_eq!(view.cards, Count::Exact(39));
        let under16 = &view.by_age[0];
        assert_eq!(under16.participants, Count::Few);
        assert_eq!(under16.cards, Count::Exact(7));
        assert_eq!(under16.share, None, "3 of 15 would give the 3 away");
        assert!(under16.under_target, "3 of 15 is 20 %, under 30 %");
        let adults = &view.by_age[3];
        assert_eq!(adults.share, Some(80));
        assert!(!adults.under_target);
        assert_eq!(view.under_represented, vec![AgeBand::Under16]);
        assert_eq!(view.youth_participants, Count::Few);
        assert_eq!(view.youth_share, None);
        assert_eq!(view.youth_card_share, Some(18));
        let lacking: Vec<_> = view.lacking_youth().map(|f| f.name.as_str()).collect();
        assert_eq!(lacking, vec!["Bolig"]);
        let shown: Vec<String> = view.by_age.iter().map(|l| l.participants.shown()).collect();
        assert_eq!(shown, vec!["<5", "0", "0", "12", "0", "5"]);
    }

    #[test]
    fn nobody_yet_flags_every_target_and_shows_zeros() {
        let settings = InclusionSettings {
            retention_days: 90,
            targets: vec![(AgeBand::Age16To19, 10)],
        };
        let view = DiversityView::new(&Participation::default(), &settings, &[]);
        assert_eq!(view.participants, Count::Exact(0));
        assert_eq!(view.under_represented, vec![AgeBand::Age16To19]);
        assert_eq!(view.youth_share, None);
    }
}
