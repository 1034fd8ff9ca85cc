//! What a pane or a layer asks the app to do after an update: an undoable step on the
//! document, an effect (file I/O), a layer to open, the focus to move, something to say.
//! Panes and layers never reach into each other or into the app; they return these (as
//! gitui's `queue.rs` and helix's compositor callbacks do).

use crate::model::history::Op;
use crate::store::recovery::Recovered;

use super::app::Focus;
use super::effect::{Effect, Then};
use super::layers::Layer;
use super::msg::Message;

/// What to select once a step is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Select {
    /// Leave the selections as they are (kept valid).
    Keep,
    /// The outline's row of this item.
    Item(String),
    /// The outline's row of this section.
    Section(usize),
    /// The outline's masthead row.
    Masthead,
    /// This pooled item, shown in the pool (the filter cleared).
    Pooled(String),
    /// This pooled item, in the editor (a new item: its headline is to be typed).
    EditPooled(String),
}

/// One undoable step: its ops, what to select after it, what to say.
#[derive(Debug)]
pub struct Step {
    pub ops: Vec<Op>,
    pub select: Select,
    pub say: Option<Message>,
}

impl Step {
    pub fn new(ops: Vec<Op>) -> Step {
        Step { ops, select: Select::Keep, say: None }
    }

    pub fn select(mut self, select: Select) -> Step {
        self.select = select;
        self
    }

    pub fn say(mut self, message: Message) -> Step {
        self.say = Some(message);
        self
    }
}

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // a few at a time, for a moment
pub enum Cmd {
    Step(Step),
    Effect(Effect),
    Push(Layer),
    /// Select an outline row (the findings list's jump).
    Select(Select),
    /// Close the top layer (a dialog a confirmation over it went on from).
    Pop,
    Focus(Focus),
    /// Focus the editor pane and start typing in it (the user asked to edit).
    Edit,
    Say(Message),
    /// Put a recovered state in place of the open document.
    Restore(Box<Recovered>),
    /// Do `then` now, or after asking what to do with unsaved changes.
    Leave(Then),
    /// Leave without saving: the recovery file is set aside first.
    Discard(Then),
    /// Quit at once (nothing to save, or the user said so).
    Quit,
}
