//! Writing a long document on every core: its pieces are rendered into text buffers by as
//! many threads as there are cores, and written in order, by the caller's thread, as they
//! come (through `crate::pipeline`). A few tickets bound the pieces rendered ahead of the
//! writer, and written buffers are reused, so memory stays flat (a report of a million rows is
//! a hundred MiB of text; fresh buffers would each be new pages to fault in).

use crate::pipeline;
use std::cmp::Ordering;
use std::io::Write;
use std::ops::ControlFlow;
use std::sync::Mutex;

/// Text buffers, reused from piece to piece (and from table to table: one pool per document).
#[derive(Default)]
pub struct Buffers(Mutex<Vec<String>>);

impl Buffers {
    fn take(&self) -> String {
        let reused = self.0.lock().ok().and_then(|mut pool| pool.pop());
        reused.unwrap_or_default()
    }

    fn give_back(&self, mut text: String) {
        text.clear();
        if let Ok(mut pool) = self.0.lock() {
            if pool.len() < 16 {
                pool.push(text);
            }
        }
    }
}

/// Writes pieces `0..count`, piece `i` rendered by `render(i, buffer)`, in order.
pub fn write_in_order(
    count: usize,
    render: &(dyn Fn(usize, &mut String) + Sync),
    buffers: &Buffers,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = if count <= 1 { 1 } else { threads.min(count) };
    let mut next = 0;
    let pieces = move |ticket: ()| {
        let piece = next;
        next += 1;
        match next.cmp(&count) {
            Ordering::Less => ControlFlow::Continue((piece, ticket)),
            Ordering::Equal => ControlFlow::Break(Some((piece, ticket))),
            Ordering::Greater => ControlFlow::Break(None),
        }
    };
    let rendered = |(piece, ticket): (usize, ())| {
        let mut text = buffers.take();
        render(piece, &mut text);
        (text, ticket)
    };
    // Written by this thread: `w` may be stdout's lock, which stays on its thread.
    let write = |(text, ticket): (String, ())| {
        w.write_all(text.as_bytes())?;
        buffers.give_back(text);
        Ok(ticket)
    };
    pipeline::run_consuming_here(workers, vec![(); threads * 2], pieces, rendered, write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_written_in_order_and_a_write_error_stops_the_renderers() {
        let render = |i: usize, out: &mut String| {
            // Uneven work, so that pieces finish out of order.
            let spin = (i * 7919) % 13;
            for _ in 0..spin * 1000 {
                std::hint::black_box(i);
            }
            out.push_str(&format!("{i},"));
        };
        let buffers = Buffers::default();
        let mut out = Vec::new();
        write_in_order(500, &render, &buffers, &mut out).unwrap();
        let expected: String = (0..500).map(|i| format!("{i},")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);

        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= 1;
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_in_order(10_000, &render, &buffers, &mut Full(3)).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
