//! Everything that can reach the running editor from outside, as one stream: terminal
//! events, the terminal going away, and the signals that end a program.
//!
//! Three small threads feed one channel, so the event loop only ever waits on that
//! channel (with a timeout when a timer is due) and never spins:
//! - the **reader** turns terminal input into crossterm events;
//! - the **watcher** waits for the terminal to hang up (`POLLHUP`/`POLLERR` on its input),
//!   which happens when the window, the tmux pane or the SSH connection closes. crossterm
//!   reads a hung-up terminal in a loop that never returns (each read gives end-of-file),
//!   so the loss must be noticed beside the reader, not by it;
//! - the **signals** thread passes SIGTERM, SIGHUP, SIGINT and SIGQUIT on instead of letting
//!   them kill the process, so that every ending writes the recovery file and releases the
//!   lock first.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::Event;

/// One thing from outside.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// A result of work done on another thread (the pool read, the page count made).
    Msg(super::action::Msg),
    /// The terminal is gone: hung up, end of input, or an error reading it.
    Hangup,
    /// A signal that ends the program (its number).
    Signal(i32),
}

/// The signals that end the editor (each handled, never fatal by itself).
#[cfg(unix)]
pub const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// SIGHUP's number: the exit status of a lost terminal is that of a hangup (128 + 1).
#[cfg(unix)]
pub const SIGHUP: i32 = signal_hook::consts::SIGHUP;
#[cfg(not(unix))]
pub const SIGHUP: i32 = 1;

/// The stream. Dropping it leaves the threads blocked until the process ends (they hold
/// nothing but the terminal's input and a sender).
pub struct Inputs {
    rx: Receiver<Input>,
    tx: Sender<Input>,
}

impl Inputs {
    /// Start listening for the ending signals (before anything worth saving exists, so
    /// that none of them can kill the process without the recovery file being written).
    pub fn new() -> io::Result<Inputs> {
        let (tx, rx) = mpsc::channel();
        let inputs = Inputs { rx, tx };
        #[cfg(unix)]
        inputs.spawn_signals()?;
        Ok(inputs)
    }

    /// Where other threads send their results, so that they wake the event loop.
    pub fn notifier(&self) -> super::app::Notify {
        let tx = self.tx.clone();
        std::sync::Arc::new(move |msg| {
            let _ = tx.send(Input::Msg(msg));
        })
    }

    /// Start reading the terminal (once it is in raw mode).
    pub fn read_terminal(&self) -> io::Result<()> {
        let tx = self.tx.clone();
        std::thread::Builder::new().name("input".into()).spawn(move || {
            loop {
                let input = match crossterm::event::read() {
                    Ok(event) => Input::Event(event),
                    Err(_) => Input::Hangup,
                };
                let last = matches!(input, Input::Hangup);
                if tx.send(input).is_err() || last {
                    return;
                }
            }
        })?;
        #[cfg(unix)]
        {
            let tx = self.tx.clone();
            let tty = terminal_input()?;
            std::thread::Builder::new().name("hangup".into()).spawn(move || {
                wait_for_hangup(&tty);
                let _ = tx.send(Input::Hangup);
            })?;
        }
        Ok(())
    }

    #[cfg(unix)]
    fn spawn_signals(&self) -> io::Result<()> {
        let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
        let tx = self.tx.clone();
        std::thread::Builder::new().name("signals".into()).spawn(move || {
            for sig in signals.forever() {
                if tx.send(Input::Signal(sig)).is_err() {
                    return;
                }
            }
        })?;
        Ok(())
    }

    /// The next input, waiting at most `timeout` (forever with `None`). `None` back means
    /// the time ran out.
    pub fn next(&self, timeout: Option<Duration>) -> Option<Input> {
        match timeout {
            None => Some(self.rx.recv().unwrap_or(Input::Hangup)),
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Input::Hangup),
            },
        }
    }

    /// An input already waiting, without waiting.
    pub fn ready(&self) -> Option<Input> {
        self.rx.try_recv().ok()
    }
}

/// The terminal crossterm reads: standard input when it is a terminal, else /dev/tty.
#[cfg(unix)]
fn terminal_input() -> io::Result<std::os::fd::OwnedFd> {
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    if rustix::termios::isatty(stdin.as_fd()) {
        return stdin.as_fd().try_clone_to_owned();
    }
    Ok(std::fs::OpenOptions::new().read(true).open("/dev/tty")?.into())
}

/// Block until the terminal hangs up. Asking for no event at all, poll reports only
/// POLLHUP, POLLERR and POLLNVAL — what a closed window or connection gives.
#[cfg(unix)]
fn wait_for_hangup(tty: &std::os::fd::OwnedFd) {
    use rustix::event::{PollFd, PollFlags, poll};
    loop {
        let mut fds = [PollFd::new(tty, PollFlags::empty())];
        match poll(&mut fds, None) {
            Ok(_) => {
                let got = fds[0].revents();
                if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    return;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}
