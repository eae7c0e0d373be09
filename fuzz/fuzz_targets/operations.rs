//! Arbitrary sequences of operations on a valid checklist: never a panic, always
//! valid afterwards, unknown fields kept, a refused operation changes nothing.
#![no_main]

use arbitrary::Arbitrary;
use guided_checklist::ops::{parse_at, Order};
use guided_checklist::{validate_checklist_text, GuidedChecklist, Operation};
use libfuzzer_sys::fuzz_target;

const FIXTURE: &str = include_str!("../../tests/fixtures/checklist.json");
const IDS: [&str; 6] = ["invite-team", "profile", "billing", "connect-data", "missing", ""];
const TIMES: [&str; 3] = ["2024-05-01T12:00:00Z", "2030-01-01T00:00:00+05:30", "1999-12-31T23:59:60Z"];
const ACTORS: [&str; 2] = ["0f8fad5b-d9cb-469f-a165-70867728950e", "not-a-uuid"];

#[derive(Arbitrary, Debug)]
enum Op {
    Complete(u8, u8, Option<u8>),
    Start(u8, u8),
    Skip(u8, u8),
    Reopen(u8, u8),
    Dismiss(u8),
    Restore,
    Reset(u8),
    Interests(Vec<u8>),
    Roles(Vec<u8>),
}

fn pick<'a>(from: &[&'a str], i: u8) -> &'a str {
    from.get(usize::from(i) % from.len()).copied().unwrap_or_default()
}

fuzz_target!(|input: (bool, Vec<Op>)| {
    let (ordered, ops) = input;
    let order = if ordered { Order::Ordered } else { Order::Any };
    // An interest over the 8,192-character limit, so refusals are exercised too.
    let long = "x".repeat(9000);
    let interests = ["ai", "", long.as_str()];
    let mut checklist = GuidedChecklist::from_json_str(FIXTURE).expect("fixture is valid");
    let extra = checklist.extra.clone();
    for op in ops.iter().take(64) {
        let at = |t: u8| parse_at(pick(&TIMES, t)).expect("fixed times are valid");
        let op = match *op {
            Op::Complete(s, t, by) => Operation::CompleteStep {
                step_id: pick(&IDS, s).into(),
                at: at(t),
                by: by.map(|b| pick(&ACTORS, b).to_owned()),
            },
            Op::Start(s, t) => Operation::StartStep { step_id: pick(&IDS, s).into(), at: at(t) },
            Op::Skip(s, t) => Operation::SkipStep { step_id: pick(&IDS, s).into(), at: at(t) },
            Op::Reopen(s, t) => Operation::ReopenStep { step_id: pick(&IDS, s).into(), at: at(t) },
            Op::Dismiss(t) => Operation::Dismiss { at: at(t) },
            Op::Restore => Operation::Restore,
            Op::Reset(t) => Operation::Reset { at: at(t) },
            Op::Interests(ref list) => Operation::SetProductInterests {
                product_interests: list.iter().map(|i| pick(&interests, *i).to_owned()).collect(),
            },
            Op::Roles(ref r) => {
                checklist.roles =
                    Some(r.iter().map(|i| pick(&["admin", "billing", "editor"], *i).to_owned()).collect());
                continue;
            }
        };
        let before = checklist.clone();
        if checklist.apply_in(&op, order).is_err() {
            assert_eq!(checklist, before, "a refused {op:?} changed the checklist");
        }
        let report = validate_checklist_text(&checklist.to_json_string());
        assert!(report.ok, "{op:?} left an invalid checklist: {:?}", report.errors);
        assert_eq!(checklist.extra, extra, "unknown fields must survive");
    }
});
