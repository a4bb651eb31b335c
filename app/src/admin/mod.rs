//! The administration's own pages: its home, the events-without-support queue and the hand-over
//! of a salesperson's portfolio. Management only; the server refuses the others regardless.

mod hand_over;
mod home;
mod support_queue;

pub use hand_over::{HandOverPage, SalesSelect};
pub use home::AdminPage;
pub use support_queue::SupportQueuePage;
