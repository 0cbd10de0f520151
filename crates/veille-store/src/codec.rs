//! Compact encodings of the values that have no natural SQL column.
//!
//! An [`OffsetMap`] is stored as a BLOB of zigzag LEB128 varints: the anchor
//! count, then for each anchor the deltas of its derived and original offsets
//! from the previous anchor. A typical cleaned article has a few dozen anchors
//! whose deltas fit in one or two bytes, so the map costs tens of bytes where
//! JSON would cost hundreds.

use veille_model::OffsetMap;

/// Encodes the anchors of an offset map.
pub(crate) fn encode_offset_map(map: &OffsetMap) -> Vec<u8> {
    let anchors = map.anchors();
    let mut out = Vec::with_capacity(1 + anchors.len() * 3);
    put_varint(&mut out, anchors.len() as u64);
    let (mut pd, mut po) = (0i64, 0i64);
    for &(d, o) in anchors {
        let (d, o) = (i64::from(d), i64::from(o));
        put_varint(&mut out, zigzag(d - pd));
        put_varint(&mut out, zigzag(o - po));
        (pd, po) = (d, o);
    }
    out
}

/// Decodes what [`encode_offset_map`] wrote; `None` when the bytes are not
/// such an encoding.
pub(crate) fn decode_offset_map(mut bytes: &[u8]) -> Option<OffsetMap> {
    let n = usize::try_from(get_varint(&mut bytes)?).ok()?;
    // Each anchor takes at least two bytes: refuse absurd counts up front.
    if n > bytes.len() / 2 {
        return None;
    }
    let mut anchors = Vec::with_capacity(n);
    let (mut d, mut o) = (0i64, 0i64);
    for _ in 0..n {
        d = d.checked_add(unzigzag(get_varint(&mut bytes)?))?;
        o = o.checked_add(unzigzag(get_varint(&mut bytes)?))?;
        anchors.push((u32::try_from(d).ok()?, u32::try_from(o).ok()?));
    }
    bytes.is_empty().then(|| OffsetMap::from_anchors(anchors))
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_map_is_three_bytes() {
        assert_eq!(encode_offset_map(&OffsetMap::identity()), vec![1, 0, 0]);
    }

    #[test]
    fn rejects_truncated_and_trailing_bytes() {
        let mut m = OffsetMap::identity();
        m.push(300, 500);
        let bytes = encode_offset_map(&m);
        assert!(decode_offset_map(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_offset_map(&longer).is_none());
        assert_eq!(decode_offset_map(&bytes), Some(m));
        assert!(decode_offset_map(&[0xff; 12]).is_none());
    }

    proptest! {
        #[test]
        fn offset_map_round_trips(anchors in proptest::collection::vec((any::<u32>(), any::<u32>()), 0..40)) {
            let m = OffsetMap::from_anchors(anchors);
            prop_assert_eq!(decode_offset_map(&encode_offset_map(&m)), Some(m));
        }

        #[test]
        fn zigzag_round_trips(v in any::<i64>()) {
            prop_assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
