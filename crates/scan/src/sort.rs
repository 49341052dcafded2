//! A stable sort for the engine's short lists (at most 48 finder candidates, 120 finder triples):
//! insertion, which is a few dozen bytes of wasm where core's stable sort is kilobytes per type.

/// Sorts `items` so that `less` holds between no later item and an earlier one; items that are
/// not `less` than each other keep their order, as with `sort_by`.
pub fn insertion_sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sorts_like_the_stable_sort() {
        let mut items: Vec<(u32, usize)> = [3, 1, 3, 0, 2, 1, 3, 0]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
        insertion_sort_by(&mut items, |a, b| a.0 > b.0);
        assert_eq!(items, expected);
        let mut empty: [u8; 0] = [];
        insertion_sort_by(&mut empty, |a, b| a < b);
    }
}
