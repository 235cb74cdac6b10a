//! Staff users and their roles.
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use uuid::Uuid;

/// A staff role; what each may do is decided by the methods below, on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// *Programleder*: owns the programme set-up, the plan and the staff accounts.
    Lead,
    /// *Kjerneteam*: promotes and prioritises measures.
    Core,
    /// *Fasilitator*: runs workshops and boards.
    Facilitator,
    /// *Styringsgruppe*: read-only.
    Viewer,
    /// *Følgeevaluator*: read-only, with the pseudonymous evaluation exports, and the
    /// combined view of every programme where it is one.
    Evaluator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Lead,
        Role::Core,
        Role::Facilitator,
        Role::Viewer,
        Role::Evaluator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Core => "core",
            Role::Facilitator => "facilitator",
            Role::Viewer => "viewer",
            Role::Evaluator => "evaluator",
        }
    }

    /// The roles that do the work (lead, core team, facilitators); the steering group
    /// and evaluators only read.
    fn works(self) -> bool {
        matches!(self, Role::Lead | Role::Core | Role::Facilitator)
    }

    pub fn can_edit_programme(self) -> bool {
        self == Role::Lead
    }

    pub fn can_manage_accounts(self) -> bool {
        self == Role::Lead
    }

    /// Leads, the core team and facilitators create and run workshops; the others only
    /// read.
    pub fn can_create_workshops(self) -> bool {
        self.works()
    }

    /// The same roles take part on boards: post cards, vote and record test feedback.
    /// The steering group and evaluators read what residents said without adding to it.
    pub fn takes_part(self) -> bool {
        self.works()
    }

    /// The same roles make prototypes, run test rounds and record decisions.
    pub fn can_shape_prototypes(self) -> bool {
        self.works()
    }

    /// Whether a measure can be given to this role to follow up.
    pub fn can_be_responsible(self) -> bool {
        self.works()
    }

    /// Who may download a workshop's pseudonymous evaluation export: those who run
    /// workshops, and evaluators.
    pub fn can_export_evaluation(self) -> bool {
        self.works() || self == Role::Evaluator
    }

    /// The lead and the core team promote measures, rank them and propose the plan.
    pub fn can_plan(self) -> bool {
        matches!(self, Role::Lead | Role::Core)
    }

    /// Only the lead records the steering group's adoption and the sending to the ministry.
    pub fn can_adopt(self) -> bool {
        self == Role::Lead
    }
}

impl FromStr for Role {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or(())
    }
}

/// A staff account on its own, as a session resolves it: no role, since a role is
/// per programme (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    /// An operator of the installation creates programmes and their first lead.
    pub operator: bool,
    /// As `User::session_epoch`. Server-side only.
    #[serde(skip)]
    pub session_epoch: i64,
}

impl Account {
    /// Whether a session signed in at `epoch` still stands for this account: it is
    /// active, and neither a password change nor a deactivation has moved its epoch on.
    pub fn accepts_session(&self, epoch: i64) -> bool {
        self.active && self.session_epoch == epoch
    }
}

/// One programme an account is a member of, with the role it has there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub programme: Uuid,
    pub programme_slug: String,
    pub programme_name: String,
    pub role: Role,
}

/// A staff account as a member of one programme: `role` is its role there (never with
/// its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// Bumped when the password or the active flag changes; a session signed in under an
    /// older epoch is no longer valid. Server-side only.
    #[serde(skip)]
    pub session_epoch: i64,
}

/// Days a staff session lasts without use.
pub const SESSION_DAYS: i64 = 7;

/// The key under which the session store hands a loaded session's expiry (Unix seconds)
/// to the app, which renews a session running short (`server::session::keep_alive`);
/// never stored.
pub const SESSION_EXPIRES_AT: &str = "expires_at";

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }

    #[test]
    fn only_the_lead_edits() {
        assert!(Role::Lead.can_edit_programme());
        for role in [Role::Core, Role::Facilitator, Role::Viewer, Role::Evaluator] {
            assert!(!role.can_edit_programme());
            assert!(!role.can_manage_accounts());
        }
    }

    #[test]
    fn the_steering_group_and_evaluators_only_read() {
        for role in [Role::Viewer, Role::Evaluator] {
            assert!(!role.takes_part() && !role.can_create_workshops());
            assert!(!role.can_shape_prototypes() && !role.can_be_responsible());
            assert!(!role.can_plan() && !role.can_adopt());
        }
        assert!(Role::Evaluator.can_export_evaluation());
        assert!(!Role::Viewer.can_export_evaluation());
        assert!(Role::Facilitator.can_export_evaluation() && Role::Facilitator.takes_part());
    }
}
