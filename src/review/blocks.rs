//! A list grown block by block, for the review's long lists (a year's releases, denials).

/// A list grown block by block: a million releases are never moved to make room, nor their
/// pages touched twice (a growing `Vec` copies itself into new memory each time it doubles).
#[derive(Debug, Clone)]
pub struct Blocks<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
}

const BLOCK: usize = 4096;

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Self {
            blocks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Blocks<T> {
    pub fn push(&mut self, item: T) {
        match self.blocks.last_mut() {
            // The first block grows as a Vec does (most lists are short); later ones are
            // made whole.
            Some(block) if block.len() < BLOCK => block.push(item),
            _ => {
                let mut block = Vec::with_capacity(if self.blocks.is_empty() { 0 } else { BLOCK });
                block.push(item);
                self.blocks.push(block);
            }
        }
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.blocks.iter().flatten()
    }
}

impl<T> std::ops::Index<usize> for Blocks<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.blocks[i / BLOCK][i % BLOCK]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_long_lists_in_order_without_moving_them() {
        let mut blocks = Blocks::default();
        assert!(blocks.is_empty());
        let n = BLOCK * 2 + 17;
        for i in 0..n {
            blocks.push(i);
        }
        assert_eq!(blocks.len(), n);
        assert_eq!(blocks[0], 0);
        assert_eq!(blocks[BLOCK], BLOCK);
        assert_eq!(blocks[n - 1], n - 1);
        assert!(blocks.iter().copied().eq(0..n));
        assert_eq!(blocks.iter().next_back(), Some(&(n - 1)));
    }
}
