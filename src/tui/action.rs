//! Everything that reaches the editor's update. [`Action`] is what a user can do, by name:
//! keymaps bind keys to those names (`"ctrl-s" = "save"` in config.toml) and the help lists
//! them. [`Msg`] is what the update takes: an action, or what the router makes of input no
//! binding takes (text typed into a field, a paste, the mouse, a new window size), or what
//! comes back from work done elsewhere (a file written, the pool read, the page count).

use crossterm::event::KeyEvent;
use serde::Deserialize;

use super::effect::Done;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Unbind a key (in config.toml).
    None,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// The preview: see the columns to the left / right (a line wider than the screen).
    ScrollLeft,
    ScrollRight,
    /// Pool: place the item in the outline after the outline's selection.
    Place,
    /// Outline: edit the selected item (or the masthead / section under the cursor).
    Edit,
    /// Leave the editor.
    Leave,
    MoveUp,
    MoveDown,
    /// Outline: send the item back to the pool.
    Unplace,
    Save,
    Export,
    Preview,
    Undo,
    Redo,
    Help,
    Quit,
    /// Pool: filter by text.
    Filter,
    NewItem,
    DeleteItem,
    NewSection,
    RenameSection,
    DeleteSection,
    CycleSectionToc,
    ToggleInToc,
    EditTocTitle,
    Masthead,
    Footer,
    /// The findings of `check` on the open issue, each a way to its item.
    Findings,
    NewIssue,
    Open,
    /// A read-only issue whose lock holds another jianbao that is not in use (an orphan
    /// of a closed terminal, a hung process): end it and edit here, after a confirmation.
    TakeOver,
    /// Import files into the pool.
    Import,
    NextField,
    PrevField,
    /// A choice field or a confirmation's buttons: the next / previous option.
    NextOption,
    PrevOption,
    /// A path field: complete the name typed so far.
    Complete,
    Confirm,
    Cancel,
}

impl Action {
    /// The name keymaps write (`focus_next`).
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }
}

/// What the update takes.
#[derive(Debug)]
pub enum Msg {
    /// A named action (from the keymap, or a button of a dialog).
    Do(Action),
    /// A key no binding took: text for the focused field.
    Type(KeyEvent),
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// A large pool has been read in the background.
    PoolReady,
    /// The status bar's figures of a long issue, made on another thread.
    StatsReady(super::app::Stats),
    /// An effect's outcome.
    Done(Box<Done>),
}

impl Msg {
    /// Whether the message is an edit inside the editor's text, which leaves the item being
    /// edited as it is (everything else first makes the editor's changes one step).
    pub fn keeps_editing(&self) -> bool {
        matches!(
            self,
            Msg::Type(_)
                | Msg::Paste(_)
                | Msg::Do(Action::NextField | Action::PrevField | Action::Undo | Action::Redo)
                | Msg::Wheel { .. }
                | Msg::Resize { .. }
                | Msg::PoolReady
                | Msg::StatsReady(_)
                | Msg::Done(_)
        )
    }
}
