//! Hash maps serialised in key order, so that one clusterer state always
//! encodes to the same bytes (a store re-run from the same input holds the
//! same snapshot, whatever the process's hash seeds).

use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};

/// `serialize_with` for a `HashMap`: the entries sorted by key.
pub(crate) fn sorted<S, K, V, H>(map: &HashMap<K, V, H>, s: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    K: Ord + Serialize,
    V: Serialize,
{
    map.iter().collect::<BTreeMap<&K, &V>>().serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct M(#[serde(serialize_with = "sorted")] HashMap<u64, u32>);

    #[test]
    fn equal_maps_encode_the_same_whatever_their_insertion_order() {
        let a: HashMap<u64, u32> = (0..500).map(|i| (i * 7919 % 1000, i as u32)).collect();
        let mut b = HashMap::new();
        for (k, v) in a.iter().collect::<Vec<_>>().into_iter().rev() {
            b.insert(*k, *v);
        }
        let (ja, jb) = (
            serde_json::to_string(&M(a)).unwrap(),
            serde_json::to_string(&M(b)).unwrap(),
        );
        assert_eq!(ja, jb);
        assert!(ja.starts_with("{\"0\":"), "{}", &ja[..20]);
    }
}
