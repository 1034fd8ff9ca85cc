//! The editor: one frame at 200×60, one keystroke (event to updated frame) on a 50,000-字
//! item, and place / move / unplace in a 300-item issue. The frame and keystroke benches
//! run with 100, 1,000 and 10,000 pooled items: their cost must follow the visible rows,
//! not the size of the pool.

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jianbao::tui::action::{Action, Msg};
use jianbao::tui::app::{App, Focus};
use jianbao::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| ui::draw(f, app)).unwrap();
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame 200x60");
    for items in [100, 1_000, 10_000] {
        let (_, issue) = support::workspace(items, 52);
        let app = support::app(&issue);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        frame(&mut terminal, &app);
        group.bench_with_input(BenchmarkId::from_parameter(items), &items, |b, _| {
            b.iter(|| frame(&mut terminal, black_box(&app)))
        });
    }
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke on a 50000-zi item");
    for items in [100, 1_000, 10_000] {
        let (_, issue) = support::workspace_with_long_item(items, 50_000);
        let mut app = support::app(&issue);
        // The outline's first item is the long one: edit it, caret in the middle.
        app.step(Msg::Do(Action::FocusNext), Instant::now());
        app.step(Msg::Do(Action::Edit), Instant::now());
        assert_eq!(app.focus(), Focus::Editor);
        for _ in 0..40 {
            app.input(key(KeyCode::Down), Instant::now());
        }
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        frame(&mut terminal, &app);
        group.bench_with_input(BenchmarkId::from_parameter(items), &items, |b, _| {
            // Type a character, then take it back: the text stays the same size.
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    let event = if i % 2 == 0 { key(KeyCode::Char('科')) } else { key(KeyCode::Backspace) };
                    let started = Instant::now();
                    app.input(event, Instant::now());
                    frame(&mut terminal, &app);
                    total += started.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

fn outline_steps(c: &mut Criterion) {
    let (_, issue) = support::issue_of(300);
    let mut app = support::app(&issue);
    let mut group = c.benchmark_group("300-item issue");
    group.bench_function("place + unplace", |b| {
        b.iter(|| {
            app.set_focus(Focus::Pool);
            app.step(Msg::Do(Action::Place), Instant::now());
            app.set_focus(Focus::Outline);
            app.step(Msg::Do(Action::Unplace), Instant::now());
        })
    });
    // The same with the frame that follows each step: a change never holds a frame up
    // (the status bar's page count of a long issue is made on another thread).
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    group.bench_function("place + unplace, each with its frame", |b| {
        b.iter(|| {
            app.set_focus(Focus::Pool);
            app.step(Msg::Do(Action::Place), Instant::now());
            frame(&mut terminal, &app);
            app.set_focus(Focus::Outline);
            app.step(Msg::Do(Action::Unplace), Instant::now());
            frame(&mut terminal, &app);
        })
    });
    app.set_focus(Focus::Outline);
    app.step(Msg::Do(Action::Down), Instant::now());
    app.step(Msg::Do(Action::Down), Instant::now());
    group.bench_function("move down + up", |b| {
        b.iter(|| {
            app.step(Msg::Do(Action::MoveDown), Instant::now());
            app.step(Msg::Do(Action::MoveUp), Instant::now());
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    targets = frames, keystrokes, outline_steps
}
criterion_main!(benches);
