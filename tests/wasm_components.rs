//! Components rendered in a real browser (wasm-bindgen-test in headless Chromium).

#![cfg(target_arch = "wasm32")]

use charterpass_app::components::nav::Nav;
use charterpass_core::role::Role;
use charterpass_core::session::Me;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(view: impl FnOnce() -> AnyView + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), view).forget();
    host
}

fn me(role: Role) -> Me {
    Me {
        username: "u".into(),
        display_name: "测试".into(),
        role,
        enterprise_id: None,
        prefecture_code: None,
        must_change_password: false,
    }
}

#[wasm_bindgen_test]
fn nav_offers_the_signed_in_roles_area() {
    let host = mount(|| view! { <Nav me=Signal::derive(|| Some(me(Role::Reviewer)))/> }.into_any());
    let link = host.query_selector("nav a").unwrap().expect("a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/review"));
    assert_eq!(link.text_content().as_deref(), Some("审核人员"));
}

#[wasm_bindgen_test]
fn nav_offers_sign_in_and_scanning_to_strangers() {
    let host = mount(|| view! { <Nav me=Signal::derive(|| None)/> }.into_any());
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("登录"), "{text}");
    assert!(text.contains("扫码核验"), "{text}");
}
