//! Random key sequences and random structural steps: the editor never panics, never
//! loses or duplicates an item, always draws cleanly, and undo returns exactly.

use std::collections::HashSet;

use crate::common::app::*;
use crossterm::event::Event;
use jianbao::model::history::{History, Loc, Model, Op, SectionHead};
use jianbao::model::{ItemPos, Section, TocMode};
use jianbao::tui::layers::ConfirmKind;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "tab",
    "shift-tab",
    "up",
    "down",
    "j",
    "k",
    "enter",
    "esc",
    "alt-up",
    "alt-down",
    "delete",
    "ctrl-z",
    "ctrl-y",
    "t",
    "T",
    "m",
    "s",
    "r",
    "n",
    "/",
    "left",
    "right",
    "ctrl-p",
    "f1",
    "f2",
    "f3",
    "ctrl-s",
    "ctrl-e",
    "pagedown",
    "home",
    "end",
    "backspace",
    "ctrl-down",
    "ctrl-up",
    "?",
    "e",
    "g",
    "G",
];

#[derive(Debug, Clone)]
enum Input {
    Key(&'static str),
    Text(String),
    Paste(String),
    Resize,
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        8 => proptest::sample::select(KEYS).prop_map(Input::Key),
        2 => "[江州市科协a-z“”，。 ]{1,6}".prop_map(Input::Text),
        1 => "[江州市科协\n\r\t“”，。]{0,40}".prop_map(Input::Paste),
        1 => Just(Input::Resize),
    ]
}

proptest! {
    #![proptest_config(crate::common::cases(48))]

    #[test]
    fn random_input_never_loses_an_item(inputs in proptest::collection::vec(input(), 1..80)) {
        let (_d, _ws, mut app) = sample_app();
        let mut initial: HashSet<String> = outline_ids(&app).into_iter().chain(pool_ids(&app)).collect();
        for (k, inp) in inputs.iter().enumerate() {
            // An item may leave the document only by a confirmed deletion.
            let confirming_delete = matches!(confirm_kind(&app), Some(ConfirmKind::DeleteItem | ConfirmKind::DeleteSection));
            match inp {
                Input::Key(key) => press(&mut app, &[key]),
                Input::Text(t) => type_text(&mut app, t),
                Input::Paste(t) => paste(&mut app, t),
                Input::Resize => app.input(Event::Resize(40, 12)),
            }
            if app.quit() {
                break;
            }
            let ids: Vec<String> = outline_ids(&app).into_iter().chain(pool_ids(&app)).collect();
            if confirming_delete {
                initial.retain(|id| ids.contains(id));
            }
            let unique: HashSet<&String> = ids.iter().collect();
            prop_assert_eq!(unique.len(), ids.len(), "duplicate id after input {}: {:?}", k, inp);
            for id in &initial {
                prop_assert!(ids.contains(id), "{} lost after input {}: {:?}", id, k, inp);
            }
            let (w, h) = if k % 2 == 0 { (120, 40) } else { (40, 12) };
            draw(&mut app, w, h);
        }
    }

    #[test]
    fn undoing_every_step_restores_the_model(steps in proptest::collection::vec((0u8..8, 0usize..40, 0usize..40), 1..60)) {
        let (_d, _ws, app) = sample_app();
        let mut model: Model = app.doc().model.clone();
        let original = model.clone();
        let mut history = History::default();
        let mut applied = 0;
        for (kind, a, b) in steps {
            let ops = random_ops(&model, kind, a, b);
            let recorded = !ops.is_empty();
            if history.commit(&mut model, ops).is_ok() && recorded {
                applied += 1;
            }
        }
        let after = model.clone();
        for _ in 0..applied {
            prop_assert!(history.undo(&mut model).unwrap());
        }
        prop_assert_eq!(&model, &original);
        for _ in 0..applied {
            prop_assert!(history.redo(&mut model).unwrap());
        }
        prop_assert_eq!(&model, &after);
    }
}

/// A plausible (not always valid) step; invalid ones must be refused without a change.
fn random_ops(m: &Model, kind: u8, a: usize, b: usize) -> Vec<Op> {
    let sections = m.issue.sections.len().max(1);
    let pos = |k: usize| {
        let s = k % sections;
        ItemPos::new(s, k / sections % (m.issue.sections.get(s).map_or(0, |x| x.items.len()) + 1))
    };
    match kind {
        0 if !m.pool.is_empty() => vec![Op::PoolToIssue { pool_index: a % m.pool.len(), pos: pos(b) }],
        1 => vec![Op::IssueToPool { pos: pos(a), pool_index: b % (m.pool.len() + 1) }],
        2 => vec![Op::MoveInIssue { from: pos(a), to: pos(b) }],
        3 => vec![Op::InsertSection {
            index: a % (sections + 1),
            section: Box::new(Section::new(format!("栏目{b}"))),
        }],
        4 => vec![Op::SwapSections { a: a % sections, b: b % sections }],
        5 => match m.issue.sections.get(a % sections) {
            Some(s) => vec![Op::EditSection {
                index: a % sections,
                before: SectionHead { title: s.title.clone(), toc: s.toc },
                after: SectionHead { title: format!("改{b}"), toc: TocMode::None },
            }],
            None => vec![],
        },
        6 => match m.issue.item(pos(a)) {
            Some(item) => {
                let mut after = item.clone();
                after.body.push_str("补充。\n");
                vec![Op::EditItem {
                    at: Loc::Issue(pos(a)),
                    before: Box::new(item.clone()),
                    after: Box::new(after),
                }]
            }
            None => vec![],
        },
        _ => match m.issue.sections.get(a % sections) {
            Some(s) if s.items.is_empty() => {
                vec![Op::RemoveSection { index: a % sections, section: Box::new(s.clone()) }]
            }
            _ => vec![],
        },
    }
}
