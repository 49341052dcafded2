//! The electronic certificate's scope (启用范围) and go-live moment (启用时间).
