//! Where everything goes on a screen of a given size: one pure function, used by the
//! drawing and by the update alike (mouse clicks, page lengths, scroll offsets), so that
//! drawing needs to remember nothing.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::Focus;

/// The smallest usable screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the three panes sit side by side.
/// From this width the three panes keep fixed shares.
pub const ROOMY: u16 = 140;
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole screen.
    pub screen: Rect,
    /// Smaller than the smallest usable screen: only a notice is drawn.
    pub too_small: bool,
    /// The read-only banner's row (height 0 without one).
    pub banner: Rect,
    /// Where the panes (or a layer over them) go.
    pub main: Rect,
    /// The row naming the panes on a narrow screen (height 0 on a wide one).
    pub tabs: Rect,
    /// Each pane's rectangle; a pane not shown (narrow screen) has an empty one.
    pub pool: Rect,
    pub outline: Rect,
    pub editor: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn of(screen: Rect, banner: bool, focus: Focus) -> Areas {
        let mut a = Areas { screen, ..Areas::default() };
        if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
            a.too_small = true;
            return a;
        }
        let [banner_row, main, status] = Layout::vertical([
            Constraint::Length(u16::from(banner)),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(screen);
        a.banner = banner_row;
        a.main = main;
        a.status = status;
        if main.width >= WIDE {
            // Wide enough, the editor has the most room; narrower, the focused pane has
            // it (so TOC lines and headlines show whole where the user is reading).
            let shares = if main.width >= ROOMY {
                [30, 30, 40]
            } else {
                match focus {
                    Focus::Pool => [44, 28, 28],
                    Focus::Outline => [28, 44, 28],
                    Focus::Editor => [28, 28, 44],
                }
            };
            let [pool, outline, editor] = Layout::horizontal(shares.map(Constraint::Percentage)).areas(main);
            (a.pool, a.outline, a.editor) = (pool, outline, editor);
        } else {
            let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
            a.tabs = tabs;
            match focus {
                Focus::Pool => a.pool = body,
                Focus::Outline => a.outline = body,
                Focus::Editor => a.editor = body,
            }
        }
        a
    }
}

/// The inside of a pane's frame.
pub fn inner(r: Rect) -> Rect {
    Rect { x: r.x + 1, y: r.y + 1, width: r.width.saturating_sub(2), height: r.height.saturating_sub(2) }
}

/// Whether a point is in a rectangle.
pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    r.contains(ratatui::layout::Position { x: column, y: row })
}
