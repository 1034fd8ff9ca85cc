//! Everything a user can do, by name. The keymap binds keys to these names and the help
//! overlay lists them, so `"ctrl-s" = "save"` in config.toml means what it says.

use serde::Deserialize;

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
    NewIssue,
    Open,
    /// A read-only issue whose lock holds another jianbao that is not in use (an orphan
    /// of a closed terminal, a hung process): end it and edit here, after a confirmation.
    TakeOver,
    /// Import files into the pool.
    Import,
    NextField,
    PrevField,
    Confirm,
    Cancel,
}
