//! RFC 9162 (Certificate Transparency v2) Merkle trees: leaf and node hashing, the tree head,
//! inclusion and consistency proofs and their verification, and the compact frontier the daemon
//! keeps in memory (O(log n)) so appending never rereads the log.

use ring::digest::{Context, SHA256};

/// A SHA-256 hash of the tree: a leaf, an interior node or a root.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hash([u8; 32]);

impl Hash {
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub const fn to_bytes(self) -> [u8; 32] {
        self.0
    }
}

impl From<[u8; 32]> for Hash {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

impl TryFrom<&[u8]> for Hash {
    type Error = std::array::TryFromSliceError;

    fn try_from(bytes: &[u8]) -> Result<Self, Self::Error> {
        bytes.try_into().map(Self)
    }
}

impl TryFrom<Vec<u8>> for Hash {
    /// The bytes, when they are not 32.
    type Error = Vec<u8>;

    fn try_from(bytes: Vec<u8>) -> Result<Self, Self::Error> {
        <[u8; 32]>::try_from(bytes).map(Self)
    }
}

impl AsRef<[u8]> for Hash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// In hex, as hashes are read in test failures and logs.
impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hash(")?;
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))?;
        f.write_str(")")
    }
}

/// Why a proof does not verify, naming the step that failed (as sigsum-go's `pkg/merkle` does):
/// a proof of the wrong length is told apart from one whose hashes do not give the root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The leaf's index is not inside the tree.
    #[error("inclusion proof: leaf {index} is outside a tree of {size} leaves")]
    IndexOutOfRange { index: u64, size: u64 },
    /// The proof does not hold one hash per step from the leaf to the root.
    #[error(
        "inclusion proof: {found} hashes for leaf {index} of {size}, whose path to the root has {expected}"
    )]
    InclusionLength {
        index: u64,
        size: u64,
        found: usize,
        expected: usize,
    },
    /// The leaf and the proof's hashes do not hash to the root: another leaf, proof or tree.
    #[error("inclusion proof: leaf {index} of {size} does not hash to the root")]
    InclusionRoot { index: u64, size: u64 },
    /// The older tree is larger than the newer one.
    #[error("consistency proof: the old tree ({old} leaves) is larger than the new one ({new})")]
    Shrunk { old: u64, new: u64 },
    /// The proof does not hold the hashes a proof between these two sizes needs.
    #[error(
        "consistency proof: {found} hashes from {old} to {new} leaves, where {expected} are needed"
    )]
    ConsistencyLength {
        old: u64,
        new: u64,
        found: usize,
        expected: usize,
    },
    /// Two trees of the same size with different roots.
    #[error("consistency proof: two trees of {size} leaves with different roots")]
    SameSizeRoots { size: u64 },
    /// The proof's hashes do not give the older root: the older tree is not a prefix.
    #[error("consistency proof: the hashes do not give the old root (tree of {old} leaves)")]
    OldRoot { old: u64, new: u64 },
    /// The proof's hashes give the older root but not the newer one.
    #[error("consistency proof: the hashes give the old root but not the new one (tree of {new} leaves)")]
    NewRoot { old: u64, new: u64 },
}

fn sha256(parts: &[&[u8]]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    for p in parts {
        ctx.update(p);
    }
    Hash(
        ctx.finish()
            .as_ref()
            .try_into()
            .expect("SHA-256 is 32 bytes"),
    )
}

/// SHA-256 of the empty string: the root of an empty tree.
pub fn empty_root() -> Hash {
    sha256(&[])
}

/// Leaf hash: SHA-256(0x00 || entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    sha256(&[&[0u8], entry])
}

/// Interior node hash: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256(&[&[1u8], &left.0, &right.0])
}

/// The largest power of two strictly smaller than `n` (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// The tree head over leaf hashes (MTH).
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The audit path for leaf `index` in the tree of `leaves` (RFC 9162 2.1.3.1).
pub fn inclusion_proof(index: usize, leaves: &[Hash]) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    let mut proof;
    if index < k {
        proof = inclusion_proof(index, &leaves[..k]);
        proof.push(root(&leaves[k..]));
    } else {
        proof = inclusion_proof(index - k, &leaves[k..]);
        proof.push(root(&leaves[..k]));
    }
    proof
}

/// The root of leaves [start, start + n), from perfect subtrees read through `node`.
fn subtree<E>(
    start: u64,
    n: u64,
    node: &mut impl FnMut(u32, u64) -> Result<Hash, E>,
) -> Result<Hash, E> {
    if n.is_power_of_two() && start.is_multiple_of(n) {
        return node(n.trailing_zeros(), start / n);
    }
    let k = split(n as usize) as u64;
    Ok(node_hash(
        &subtree(start, k, node)?,
        &subtree(start + k, n - k, node)?,
    ))
}

/// The audit path for leaf `index` in a tree of `size` leaves, reading the roots of perfect
/// subtrees through `node(level, index)` (level 0: the leaf hashes). The path's siblings are
/// perfect subtrees except at most one, the right edge, which splits into the frontier's
/// O(log n) perfect subtrees: O(log n) reads in all.
pub fn inclusion_proof_from<E>(
    index: u64,
    size: u64,
    node: &mut impl FnMut(u32, u64) -> Result<Hash, E>,
) -> Result<Vec<Hash>, E> {
    let mut proof = Vec::new();
    let (mut start, mut n) = (0u64, size);
    if index >= size {
        return Ok(proof);
    }
    // Walk down from the root, keeping each sibling; the proof lists them bottom up.
    while n > 1 {
        let k = split(n as usize) as u64;
        if index < start + k {
            proof.push(subtree(start + k, n - k, node)?);
            n = k;
        } else {
            proof.push(subtree(start, k, node)?);
            start += k;
            n -= k;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// The number of hashes in the path from leaf `index` to the root of a tree of `size` leaves:
/// the levels below where the leaf's and the last leaf's paths part, and above it one per left
/// sibling on the right edge.
fn inclusion_path_len(index: u64, size: u64) -> usize {
    let inner = (64 - (index ^ (size - 1)).leading_zeros()) as usize;
    inner + (index >> inner).count_ones() as usize
}

/// Verifies an inclusion proof (RFC 9162 2.1.3.2).
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let length = ProofError::InclusionLength {
        index,
        size,
        found: proof.len(),
        expected: inclusion_path_len(index, size),
    };
    if proof.len() != inclusion_path_len(index, size) {
        return Err(length);
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return Err(length);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(length);
    }
    if r != *root {
        return Err(ProofError::InclusionRoot { index, size });
    }
    Ok(())
}

/// The consistency proof between the first `m` leaves and all of `leaves` (RFC 9162 2.1.4.1).
pub fn consistency_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    if m == 0 || m >= leaves.len() {
        return Vec::new();
    }
    subproof(m, leaves, true)
}

fn subproof(m: usize, leaves: &[Hash], complete: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if complete {
            Vec::new()
        } else {
            vec![root(leaves)]
        };
    }
    let k = split(n);
    if m <= k {
        let mut proof = subproof(m, &leaves[..k], complete);
        proof.push(root(&leaves[k..]));
        proof
    } else {
        let mut proof = subproof(m - k, &leaves[k..], false);
        proof.push(root(&leaves[..k]));
        proof
    }
}

/// The consistency proof between the first `m` leaves and a tree of `size` leaves (RFC 9162
/// 2.1.4.1), reading perfect subtrees through `node` as [`inclusion_proof_from`] does: what a
/// witness asks for, O(log n) reads however long the log.
pub fn consistency_proof_from<E>(
    m: u64,
    size: u64,
    node: &mut impl FnMut(u32, u64) -> Result<Hash, E>,
) -> Result<Vec<Hash>, E> {
    if m == 0 || m >= size {
        return Ok(Vec::new());
    }
    // SUBPROOF unrolled: each step keeps one sibling, which comes after the inner proof.
    let (mut start, mut n, mut m, mut complete) = (0u64, size, m, true);
    let mut siblings = Vec::new();
    let mut proof = Vec::new();
    loop {
        if m == n {
            if !complete {
                proof.push(subtree(start, n, node)?);
            }
            break;
        }
        let k = split(n as usize) as u64;
        if m <= k {
            siblings.push(subtree(start + k, n - k, node)?);
            n = k;
        } else {
            siblings.push(subtree(start, k, node)?);
            start += k;
            m -= k;
            n -= k;
            complete = false;
        }
    }
    proof.extend(siblings.into_iter().rev());
    Ok(proof)
}

/// The number of hashes in a consistency proof from `size1` to `size2` leaves (0 < size1 <
/// size2): the path from the old tree's last leaf, less the levels inside the perfect subtree
/// it ends, plus that subtree's root unless it is the whole old tree.
fn consistency_proof_len(size1: u64, size2: u64) -> usize {
    let shift = size1.trailing_zeros() as usize;
    let seed = usize::from(!size1.is_power_of_two());
    inclusion_path_len(size1 - 1, size2) - shift + seed
}

/// Verifies that the tree of size `size2` and root `root2` extends the one of size `size1` and
/// root `root1` (RFC 9162 2.1.4.2).
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    root1: &Hash,
    root2: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    let (old, new) = (size1, size2);
    let length = |expected| ProofError::ConsistencyLength {
        old,
        new,
        found: proof.len(),
        expected,
    };
    if size1 > size2 {
        return Err(ProofError::Shrunk { old, new });
    }
    if size1 == 0 || size1 == size2 {
        if !proof.is_empty() {
            return Err(length(0));
        }
        if size1 == size2 && root1 != root2 {
            return Err(ProofError::SameSizeRoots { size: size1 });
        }
        return Ok(());
    }
    let expected = consistency_proof_len(size1, size2);
    if proof.len() != expected {
        return Err(length(expected));
    }
    let mut proof: Vec<Hash> = proof.to_vec();
    if size1.is_power_of_two() {
        proof.insert(0, *root1);
    }
    let Some((first, rest)) = proof.split_first() else {
        return Err(length(expected));
    };
    let (mut f_n, mut s_n) = (size1 - 1, size2 - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return Err(length(expected));
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(length(expected));
    }
    if fr != *root1 {
        return Err(ProofError::OldRoot { old, new });
    }
    if sr != *root2 {
        return Err(ProofError::NewRoot { old, new });
    }
    Ok(())
}

/// The roots of the perfect subtrees covering the leaves so far, left to right: enough to append
/// and to compute the root, in O(log n) memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// (height, root) of each perfect subtree, heights strictly decreasing.
    nodes: Vec<(u32, Hash)>,
}

impl Frontier {
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn push(&mut self, leaf: Hash) {
        self.push_completing(leaf);
    }

    /// Appends a leaf and returns the perfect subtrees it completed, as (level, index, hash)
    /// with level >= 1: the subtree of 2^level leaves starting at leaf index * 2^level. Storing
    /// them lets [`inclusion_proof_from`] read O(log n) nodes instead of every leaf.
    pub fn push_completing(&mut self, leaf: Hash) -> Vec<(u32, u64, Hash)> {
        self.nodes.push((0, leaf));
        self.size += 1;
        self.merge()
    }

    /// Joins equal-height subtrees at the right edge; returns those it made.
    fn merge(&mut self) -> Vec<(u32, u64, Hash)> {
        let mut completed = Vec::new();
        while self.nodes.len() >= 2 {
            let (h2, r) = self.nodes[self.nodes.len() - 1];
            let (h1, l) = self.nodes[self.nodes.len() - 2];
            if h1 != h2 {
                break;
            }
            self.nodes.truncate(self.nodes.len() - 2);
            let hash = node_hash(&l, &r);
            let level = h1 + 1;
            completed.push((level, (self.size >> level) - 1, hash));
            self.nodes.push((level, hash));
        }
        completed
    }

    /// Appends a whole perfect subtree of 2^level leaves at once, given its root. The tree
    /// must be at a multiple of 2^level leaves (the subtree is aligned), as it is when a log is
    /// hashed in chunks of 2^level entries.
    pub fn push_subtree(&mut self, level: u32, root: Hash) {
        debug_assert!(self.size.is_multiple_of(1 << level), "an unaligned subtree");
        debug_assert!(self.nodes.last().is_none_or(|(h, _)| *h >= level));
        self.nodes.push((level, root));
        self.size += 1 << level;
        self.merge();
    }

    pub fn root(&self) -> Hash {
        let mut iter = self.nodes.iter().rev();
        let Some((_, last)) = iter.next() else {
            return empty_root();
        };
        iter.fold(*last, |acc, (_, left)| node_hash(left, &acc))
    }

    /// Serialized form: size (8 bytes BE) then each (height 4 bytes BE, hash 32 bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.size.to_be_bytes().to_vec();
        for (h, hash) in &self.nodes {
            out.extend_from_slice(&h.to_be_bytes());
            out.extend_from_slice(hash.as_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (size, rest) = bytes.split_at_checked(8)?;
        let size = u64::from_be_bytes(size.try_into().ok()?);
        if rest.len() % 36 != 0 {
            return None;
        }
        let nodes: Vec<(u32, Hash)> = rest
            .chunks(36)
            .map(|c| {
                (
                    u32::from_be_bytes(c[..4].try_into().unwrap_or_default()),
                    Hash(c[4..].try_into().unwrap_or([0; 32])),
                )
            })
            .collect();
        // The heights must be the set bits of size, highest first.
        let expected: Vec<u32> = (0..64).rev().filter(|b| size >> b & 1 == 1).collect();
        let heights: Vec<u32> = nodes.iter().map(|(h, _)| *h).collect();
        (heights == expected).then_some(Self { size, nodes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/vectors/rfc9162-merkle.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn h(text: &str) -> Hash {
        hex::decode(text).unwrap().try_into().unwrap()
    }

    fn kat_leaves() -> Vec<Hash> {
        vectors()["leaves_hex"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| leaf_hash(&hex::decode(l.as_str().unwrap()).unwrap()))
            .collect()
    }

    #[test]
    fn known_answer_hashes_roots_and_frontier() {
        let v = vectors();
        assert_eq!(
            hex::encode(leaf_hash(b"L123456")),
            v["hash_leaf"]["hash"].as_str().unwrap()
        );
        let leaves = kat_leaves();
        let mut frontier = Frontier::default();
        assert_eq!(
            hex::encode(frontier.root()),
            v["roots"]["0"].as_str().unwrap()
        );
        for n in 1..=leaves.len() {
            frontier.push(leaves[n - 1]);
            let want = v["roots"][n.to_string()].as_str().unwrap();
            assert_eq!(hex::encode(root(&leaves[..n])), want, "root {n}");
            assert_eq!(hex::encode(frontier.root()), want, "frontier root {n}");
            assert_eq!(
                Frontier::from_bytes(&frontier.to_bytes()).as_ref(),
                Some(&frontier)
            );
        }
    }

    #[test]
    fn known_answer_node_hash() {
        let v = vectors();
        let hc = &v["hash_children"];
        // The vector hashes the raw strings as if they were child hashes.
        let mut ctx = Context::new(&SHA256);
        ctx.update(&[1]);
        ctx.update(hc["left_ascii"].as_str().unwrap().as_bytes());
        ctx.update(hc["right_ascii"].as_str().unwrap().as_bytes());
        assert_eq!(hex::encode(ctx.finish()), hc["hash"].as_str().unwrap());
    }

    #[test]
    fn consistency_proofs_from_stored_nodes_match_those_from_all_leaves() {
        let leaves: Vec<Hash> = (0u32..40).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for size in 1..=leaves.len() {
            let tree = &leaves[..size];
            let mut node = |level: u32, index: u64| -> Result<Hash, ()> {
                let width = 1usize << level;
                let start = index as usize * width;
                Ok(root(&tree[start..start + width]))
            };
            for m in 0..=size {
                let from_nodes = consistency_proof_from(m as u64, size as u64, &mut node).unwrap();
                assert_eq!(from_nodes, consistency_proof(m, tree), "{m} -> {size}");
                if m > 0 {
                    assert_eq!(
                        verify_consistency(
                            m as u64,
                            size as u64,
                            &root(&tree[..m]),
                            &root(tree),
                            &from_nodes
                        ),
                        Ok(())
                    );
                }
            }
        }
    }

    #[test]
    fn known_answer_inclusion_and_consistency_proofs() {
        let v = vectors();
        let leaves = kat_leaves();
        for case in v["inclusion"].as_array().unwrap() {
            let index = case["index"].as_u64().unwrap() as usize;
            let size = case["tree_size"].as_u64().unwrap() as usize;
            let want: Vec<Hash> = case["proof"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| h(p.as_str().unwrap()))
                .collect();
            assert_eq!(
                inclusion_proof(index, &leaves[..size]),
                want,
                "inclusion {index}/{size}"
            );
            assert_eq!(
                verify_inclusion(
                    index as u64,
                    size as u64,
                    &leaves[index],
                    &want,
                    &root(&leaves[..size])
                ),
                Ok(())
            );
            // A leaf from elsewhere is named as the leaf that does not hash to the root.
            let other = leaves[(index + 1) % size];
            if other != leaves[index] {
                assert_eq!(
                    verify_inclusion(
                        index as u64,
                        size as u64,
                        &other,
                        &want,
                        &root(&leaves[..size])
                    ),
                    Err(ProofError::InclusionRoot {
                        index: index as u64,
                        size: size as u64
                    })
                );
            }
        }
        for case in v["consistency"].as_array().unwrap() {
            let m = case["size1"].as_u64().unwrap() as usize;
            let n = case["size2"].as_u64().unwrap() as usize;
            let want: Vec<Hash> = case["proof"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| h(p.as_str().unwrap()))
                .collect();
            assert_eq!(
                consistency_proof(m, &leaves[..n]),
                want,
                "consistency {m}->{n}"
            );
            let (r1, r2) = (root(&leaves[..m]), root(&leaves[..n]));
            assert_eq!(
                verify_consistency(m as u64, n as u64, &r1, &r2, &want),
                Ok(())
            );
            if m < n {
                let (old, new) = (m as u64, n as u64);
                assert_eq!(
                    verify_consistency(old, new, &r1, &r1, &want),
                    Err(ProofError::NewRoot { old, new })
                );
                assert_eq!(
                    verify_consistency(old, new, &r1, &r2, &want[1..]),
                    Err(ProofError::ConsistencyLength {
                        old,
                        new,
                        found: want.len() - 1,
                        expected: want.len()
                    })
                );
            }
        }
    }

    /// A small deterministic generator for the property tests.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn property_every_proof_of_random_trees_verifies_and_any_flip_fails() {
        let mut rng = XorShift(0x9e3779b97f4a7c15);
        for _ in 0..40 {
            let n = (rng.next() % 70) as usize + 1;
            let leaves: Vec<Hash> = (0..n)
                .map(|_| leaf_hash(&rng.next().to_be_bytes()))
                .collect();
            let r = root(&leaves);
            let mut frontier = Frontier::default();
            leaves.iter().for_each(|l| frontier.push(*l));
            assert_eq!(frontier.root(), r);
            for i in 0..n {
                let proof = inclusion_proof(i, &leaves);
                let (index, size) = (i as u64, n as u64);
                assert_eq!(
                    verify_inclusion(index, size, &leaves[i], &proof, &r),
                    Ok(()),
                    "{i}/{n}"
                );
                let not_root = Err(ProofError::InclusionRoot { index, size });
                if !proof.is_empty() {
                    let mut bad = proof.clone();
                    let k = (rng.next() as usize) % bad.len();
                    bad[k].0[(rng.next() % 32) as usize] ^= 1 << (rng.next() % 8);
                    assert_eq!(
                        verify_inclusion(index, size, &leaves[i], &bad, &r),
                        not_root
                    );
                }
                let mut leaf = leaves[i];
                leaf.0[0] ^= 1;
                assert_eq!(verify_inclusion(index, size, &leaf, &proof, &r), not_root);
                if n > 1 {
                    // Another index: its path is another length, or the same hashes in
                    // another order.
                    let other = (index + 1) % size;
                    let err = verify_inclusion(other, size, &leaves[i], &proof, &r).unwrap_err();
                    assert!(
                        matches!(
                            err,
                            ProofError::InclusionRoot { index, .. }
                            | ProofError::InclusionLength { index, .. } if index == other
                        ),
                        "{err}"
                    );
                }
                let mut longer = proof.clone();
                longer.push(r);
                assert_eq!(
                    verify_inclusion(index, size, &leaves[i], &longer, &r),
                    Err(ProofError::InclusionLength {
                        index,
                        size,
                        found: proof.len() + 1,
                        expected: proof.len()
                    })
                );
                assert_eq!(
                    verify_inclusion(size, size, &leaves[i], &proof, &r),
                    Err(ProofError::IndexOutOfRange { index: size, size })
                );
            }
            for m in 1..=n {
                let proof = consistency_proof(m, &leaves);
                let r1 = root(&leaves[..m]);
                let (old, new) = (m as u64, n as u64);
                assert_eq!(
                    verify_consistency(old, new, &r1, &r, &proof),
                    Ok(()),
                    "{m}->{n}"
                );
                if !proof.is_empty() {
                    let mut bad = proof.clone();
                    let k = (rng.next() as usize) % bad.len();
                    bad[k].0[(rng.next() % 32) as usize] ^= 1;
                    // A changed hash spoils the old root, or (when only the new tree
                    // reads it) the new one.
                    let err = verify_consistency(old, new, &r1, &r, &bad).unwrap_err();
                    assert!(
                        matches!(err, ProofError::OldRoot { .. } | ProofError::NewRoot { .. }),
                        "flip {m}->{n}: {err}"
                    );
                    let mut r1_bad = r1;
                    r1_bad.0[5] ^= 0x40;
                    // An old tree of 2^k leaves is the proof's first subtree, its root taken
                    // as given: a wrong one shows at the new root.
                    let step = if old.is_power_of_two() {
                        ProofError::NewRoot { old, new }
                    } else {
                        ProofError::OldRoot { old, new }
                    };
                    assert_eq!(verify_consistency(old, new, &r1_bad, &r, &proof), Err(step));
                }
                if m == n {
                    let mut r_bad = r;
                    r_bad.0[0] ^= 1;
                    assert_eq!(
                        verify_consistency(old, new, &r, &r_bad, &proof),
                        Err(ProofError::SameSizeRoots { size: new })
                    );
                }
                assert_eq!(
                    verify_consistency(new + 1, new, &r, &r1, &proof),
                    Err(ProofError::Shrunk { old: new + 1, new })
                );
            }
        }
    }

    #[test]
    fn a_damaged_frontier_is_refused() {
        let mut f = Frontier::default();
        for i in 0..5u8 {
            f.push(leaf_hash(&[i]));
        }
        let bytes = f.to_bytes();
        assert!(Frontier::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut wrong_size = bytes.clone();
        wrong_size[7] = 6;
        assert!(Frontier::from_bytes(&wrong_size).is_none());
    }

    #[test]
    fn proofs_from_stored_nodes_match_proofs_from_every_leaf_and_read_few_nodes() {
        for size in 1..=70u64 {
            let leaves: Vec<Hash> = (0..size).map(|i| leaf_hash(&i.to_be_bytes())).collect();
            let mut frontier = Frontier::default();
            let mut stored = std::collections::HashMap::new();
            for (i, leaf) in leaves.iter().enumerate() {
                stored.insert((0u32, i as u64), *leaf);
                for (level, index, hash) in frontier.push_completing(*leaf) {
                    assert_eq!(
                        hash,
                        root(&leaves[(index << level) as usize..((index + 1) << level) as usize])
                    );
                    stored.insert((level, index), hash);
                }
            }
            for index in 0..size {
                let mut reads = 0;
                let proof = inclusion_proof_from(index, size, &mut |level, i| {
                    reads += 1;
                    stored.get(&(level, i)).copied().ok_or(())
                })
                .unwrap();
                assert_eq!(
                    proof,
                    inclusion_proof(index as usize, &leaves),
                    "{index} of {size}"
                );
                assert!(
                    reads <= 2 * 64 - (size.leading_zeros() as usize) * 2 + 2,
                    "{reads} reads"
                );
            }
        }
    }
}
