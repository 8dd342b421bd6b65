//! Writing a long document on every core: its pieces are rendered into text buffers by as
//! many threads as there are cores, and written in order, by the caller's thread, as they
//! come. A few tickets bound the pieces rendered ahead of the writer, and written buffers are
//! reused, so memory stays flat (a report of a million rows is a hundred MiB of text; fresh
//! buffers would each be new pages to fault in).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

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
    let rendered = |piece: usize| {
        let mut text = buffers.take();
        render(piece, &mut text);
        text
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if count <= 1 || threads == 1 {
        for piece in 0..count {
            let text = rendered(piece);
            w.write_all(text.as_bytes())?;
            buffers.give_back(text);
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let (done_tx, done_rx) = mpsc::channel::<(usize, String)>();
    let in_flight = threads * 2;
    let (tickets_tx, tickets_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = tickets_tx.send(());
    }
    let tickets_rx = Mutex::new(tickets_rx);
    std::thread::scope(|scope| {
        // Owned here, so that an early return (a write error) drops it: the renderers, waiting
        // for a ticket, stop.
        let tickets_tx = tickets_tx;
        for _ in 0..threads.min(count) {
            let (done_tx, next, rendered, tickets_rx) =
                (done_tx.clone(), &next, &rendered, &tickets_rx);
            scope.spawn(move || loop {
                let ticket = tickets_rx.lock().ok().and_then(|rx| rx.recv().ok());
                let piece = next.fetch_add(1, Ordering::Relaxed);
                if ticket.is_none() || piece >= count {
                    return;
                }
                if done_tx.send((piece, rendered(piece))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Pieces come back in any order and are written in order; each written piece frees a
        // ticket.
        let mut pending = std::collections::BTreeMap::new();
        let mut written = 0;
        for (piece, text) in done_rx {
            pending.insert(piece, text);
            while let Some(text) = pending.remove(&written) {
                w.write_all(text.as_bytes())?;
                buffers.give_back(text);
                written += 1;
                let _ = tickets_tx.send(());
            }
        }
        Ok(())
    })
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
