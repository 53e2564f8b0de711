//! At rest the window costs nothing: ten seconds after the last input the cursor stops
//! blinking (drawn steadily, as GTK does) and no frame is asked for until the next input.

use crate::support::{app, settle_checks};
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn the_cursor_rests_after_ten_seconds_and_wakes_on_input() {
    let mut h = app(None, vec![]);
    // the checking thread's last answer (grammar) wakes the window: let it come first
    settle_checks(&mut h);
    // the test harness turns blinking off; a real window blinks
    h.ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = true);
    h.state_mut().view.blink_style = true;
    h.get_by_label("Story body").focus();
    h.run();
    assert!(
        h.ctx.global_style().visuals.text_cursor.blink,
        "a fresh cursor blinks"
    );
    // each step is a quarter of a second on the harness's clock; the cursor asks for frames
    // while it blinks
    let mut asked = 0;
    for _ in 0..36 {
        h.step();
        asked += usize::from(h.ctx.has_requested_repaint());
    }
    assert!(asked > 0, "a blinking cursor asks for frames");
    // the frame in which the rest begins is the last: it draws the cursor steadily already
    // and asks for no blink after it
    let mut steps = 0;
    while h.ctx.global_style().visuals.text_cursor.blink {
        assert!(steps < 8, "after 10 s it rests");
        h.step();
        steps += 1;
    }
    assert!(
        !h.ctx.has_requested_repaint(),
        "the frame that begins the rest asks for no frame after it"
    );
    for _ in 0..20 {
        h.step();
        assert!(
            !h.ctx.has_requested_repaint(),
            "no frame is asked for at rest"
        );
    }
    // a key wakes it
    h.key_press(Key::ArrowLeft);
    h.step();
    assert!(h.ctx.global_style().visuals.text_cursor.blink);
    assert!(h.get_by_label("Story body").is_focused());
}
