//! Plane projective transforms between module coordinates and pixels.

/// A point in the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pt {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate.
    pub y: f64,
}

impl Pt {
    /// A point from its coordinates.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Euclidean distance.
    pub fn dist(self, o: Pt) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
}

/// A 3×3 homography, row-major, acting on column vectors `(x, y, 1)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography([f64; 9]);

impl Homography {
    /// Maps the unit square's corners (0,0), (1,0), (1,1), (0,1) onto `q`.
    fn square_to_quad(q: [Pt; 4]) -> Self {
        let [p0, p1, p2, p3] = q;
        let dx3 = p0.x - p1.x + p2.x - p3.x;
        let dy3 = p0.y - p1.y + p2.y - p3.y;
        if dx3.abs() < 1e-9 && dy3.abs() < 1e-9 {
            return Self([
                p1.x - p0.x,
                p2.x - p1.x,
                p0.x,
                p1.y - p0.y,
                p2.y - p1.y,
                p0.y,
                0.0,
                0.0,
                1.0,
            ]);
        }
        let (dx1, dx2, dy1, dy2) = (p1.x - p2.x, p3.x - p2.x, p1.y - p2.y, p3.y - p2.y);
        let den = dx1 * dy2 - dx2 * dy1;
        let g = (dx3 * dy2 - dx2 * dy3) / den;
        let h = (dx1 * dy3 - dx3 * dy1) / den;
        Self([
            p1.x - p0.x + g * p1.x,
            p3.x - p0.x + h * p3.x,
            p0.x,
            p1.y - p0.y + g * p1.y,
            p3.y - p0.y + h * p3.y,
            p0.y,
            g,
            h,
            1.0,
        ])
    }

    /// The adjugate, which inverts up to scale (enough for a projective map).
    fn adjugate(&self) -> Self {
        let m = &self.0;
        Self([
            m[4] * m[8] - m[5] * m[7],
            m[2] * m[7] - m[1] * m[8],
            m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8],
            m[0] * m[8] - m[2] * m[6],
            m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6],
            m[1] * m[6] - m[0] * m[7],
            m[0] * m[4] - m[1] * m[3],
        ])
    }

    fn times(&self, o: &Self) -> Self {
        let (a, b) = (&self.0, &o.0);
        let mut r = [0.0; 9];
        for i in 0..3 {
            for j in 0..3 {
                r[i * 3 + j] = (0..3).map(|k| a[i * 3 + k] * b[k * 3 + j]).sum();
            }
        }
        Self(r)
    }

    /// The map taking each `from[i]` to `to[i]`, or `None` when degenerate.
    pub fn between(from: [Pt; 4], to: [Pt; 4]) -> Option<Self> {
        let h = Self::square_to_quad(to).times(&Self::square_to_quad(from).adjugate());
        h.0.iter().all(|v| v.is_finite()).then_some(h)
    }

    /// Applies the map; `None` for points sent to infinity.
    #[inline]
    pub fn map(&self, p: Pt) -> Option<Pt> {
        let m = &self.0;
        let w = m[6] * p.x + m[7] * p.y + m[8];
        if w.abs() < 1e-12 {
            return None;
        }
        let q = Pt::new(
            (m[0] * p.x + m[1] * p.y + m[2]) / w,
            (m[3] * p.x + m[4] * p.y + m[5]) / w,
        );
        (q.x.is_finite() && q.y.is_finite()).then_some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn maps_each_corner_onto_its_partner() {
        let from = [
            Pt::new(3.5, 3.5),
            Pt::new(30.5, 3.5),
            Pt::new(27.5, 27.5),
            Pt::new(3.5, 30.5),
        ];
        let to = [
            Pt::new(100.0, 50.0),
            Pt::new(300.0, 80.0),
            Pt::new(270.0, 260.0),
            Pt::new(90.0, 290.0),
        ];
        let h = Homography::between(from, to).unwrap();
        for (f, t) in from.iter().zip(&to) {
            assert!(h.map(*f).unwrap().dist(*t) < 1e-6);
        }
    }

    #[test]
    fn collapsed_quad_is_refused_or_finite() {
        let p = Pt::new(1.0, 1.0);
        let from = [
            Pt::new(0.0, 0.0),
            Pt::new(1.0, 0.0),
            Pt::new(1.0, 1.0),
            Pt::new(0.0, 1.0),
        ];
        if let Some(h) = Homography::between(from, [p; 4]) {
            assert!(h.map(Pt::new(0.5, 0.5)).is_none_or(|q| q.x.is_finite()));
        }
    }
}
