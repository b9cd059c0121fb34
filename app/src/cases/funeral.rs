//! 丧葬补贴申请: a family member claims the eco-burial reward and, for a cremation outside Wuhan,
//! the reimbursement of the basic funeral service fees — on a phone or a kiosk, with photos or
//! scans of the certificates. One plain multipart form posted to the server (works without
//! JavaScript); the answer is the new case's page with its reference and slip.

use crate::account::SignedIn;
use crate::components::form::posted_error;
use crate::components::form::{
    checkboxes, choices_of, file_field, select_field, text_field, yes_no,
};
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::cases::{BURIAL_TYPES, FUNERAL_ITEMS, RELATIONS};

fn streets(l: types::i18n::Locale) -> Vec<(String, String)> {
    policy::street_offices()
        .into_iter()
        .map(|s| {
            let name = l.t_owned(&s.name_zh, &s.name_en);
            (s.id, name)
        })
        .collect()
}

#[component]
pub fn FuneralPage() -> impl IntoView {
    let l = use_locale();
    let here = use_context::<crate::account::KioskDevice>().map(|k| k.street_code);
    let signed_in = use_context::<SignedIn>().is_some();
    view! {
        <Title text=l.t("丧葬补贴申请", "Funeral subsidy claim") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("丧葬补贴申请", "Funeral subsidy claim")}</h1>
        <p class="lead">{l.t(
            "在武汉火化的，基本殡葬服务费已由殡仪馆直接减免，无需申请。在这里可以申请：生态安葬（树葬、花坛葬、草坪葬、海葬或江河撒散）奖补；在武汉以外火化的，火化后 3 个月内报销基本殡葬服务费用。",
            "For a cremation in Wuhan the basic funeral fees are waived at the funeral home: nothing to claim. Here you can claim the eco-burial reward (tree, flower-bed, lawn burial, scattering) and, for a cremation outside Wuhan, the basic service fees within 3 months of the cremation.",
        )}</p>
        <p><a href="/check" rel="external" data-testid="funeral-check-link">{l.t("不确定能领什么？先做自测（选“家人去世”）", "Not sure what you can get? Try the self-check first (choose “A family member died”)")}</a></p>
        {if signed_in {
            form(l, here).into_any()
        } else {
            view! {
                <p class="lead" data-testid="funeral-sign-in-first">{l.t(
                    "请先用手机号登录：申请进度会发到这个手机上，也只有用它登录才能查看。",
                    "Please sign in with your mobile number first: news of the claim goes to it, and only it can open the claim.",
                )}</p>
                <p><a class="button primary" href="/signin" rel="external">{l.t("手机号登录", "Sign in with my phone")}</a></p>
            }
            .into_any()
        }}
    }
}

fn form(l: types::i18n::Locale, here: Option<String>) -> impl IntoView {
    view! {
        {posted_error(l, "请修改以下内容（文件需要重新选择）", "Please correct the following (choose the files again)")}
        <form method="post" action="/funeral" enctype="multipart/form-data" class="check-form case-form" novalidate data-testid="funeral-form">
            <h2>{l.t("申请人（您本人）", "Applicant (you)")}</h2>
            {text_field(l, "applicant_name", l.t("姓名", "Name"), "text", None, 30)}
            {text_field(l, "applicant_id", l.t("身份证号", "ID number"), "text", Some(l.t("18 位，最后一位可以是 X", "18 characters; the last may be X")), 18)}
            {select_field(l, "relation", l.t("与逝者的关系", "Relation to the deceased"), choices_of(l, RELATIONS), None)}

            <h2>{l.t("逝者", "The deceased")}</h2>
            {text_field(l, "deceased_name", l.t("姓名", "Name"), "text", None, 30)}
            {text_field(l, "deceased_id", l.t("身份证号", "ID number"), "text", Some(l.t("每位逝者只能申请一次", "One claim per person")), 18)}
            {yes_no(l, "hukou_wuhan", l.t("户籍在东西湖区吗？", "Registered (户籍) in Dongxihu District?"))}
            {select_field(l, "street_code", l.t("户籍所在街道（由该街道受理）", "Street of the registration (it handles the claim)"), streets(l), here)}
            {yes_no(l, "died_in_wuhan", l.t("在武汉去世吗？", "Died in Wuhan?"))}
            {text_field(l, "death_date", l.t("死亡日期", "Date of death"), "date", None, 10)}
            {text_field(l, "death_certificate", l.t("死亡证明编号", "Death certificate number"), "text", None, 30)}

            <h2>{l.t("火化与安葬", "Cremation and burial")}</h2>
            {yes_no(l, "cremated_in_wuhan", l.t("在武汉火化吗？", "Cremated in Wuhan?"))}
            {text_field(l, "cremation_place", l.t("火化地点（殡仪馆）", "Place of cremation (funeral home)"), "text", None, 60)}
            {text_field(l, "cremation_date", l.t("火化日期", "Date of cremation"), "date", None, 10)}
            {text_field(l, "cremation_certificate", l.t("火化证明编号", "Cremation certificate number"), "text", None, 30)}
            {select_field(l, "burial", l.t("安葬方式", "Kind of burial"), choices_of(l, BURIAL_TYPES), None)}
            {checkboxes(l, "items", l.t("使用过的基本殡葬服务", "Basic funeral services used"), choices_of(l, FUNERAL_ITEMS))}

            <h2>{l.t("外地火化费用报销", "Reimbursing a cremation outside Wuhan")}</h2>
            {text_field(l, "claimed", l.t("已付的基本殡葬服务费用（元）", "Basic service fees paid (yuan)"), "text",
                Some(l.t("只有在武汉以外火化、且在火化后 3 个月内才能报销；在武汉火化请留空", "Only for a cremation outside Wuhan, within 3 months of it; leave empty for a cremation in Wuhan")), 12)}

            <h2>{l.t("收款银行账户", "Bank account for the payment")}</h2>
            {text_field(l, "bank_name", l.t("开户银行", "Bank"), "text", None, 40)}
            {text_field(l, "bank_account", l.t("银行账号", "Account number"), "text", Some(l.t("加密保存，页面上只显示后 4 位", "Kept encrypted; pages show only the last 4 digits")), 34)}

            <h2>{l.t("材料照片或扫描件", "Photos or scans of the documents")}</h2>
            <p class="hint">{l.t("材料加密保存，只有受理街道的经办人能查看。", "Documents are kept encrypted; only the caseworker of the street office can open them.")}</p>
            {file_field(l, "doc_death_certificate", l.t("死亡证明", "Death certificate"), true)}
            {file_field(l, "doc_cremation_certificate", l.t("火化证明", "Cremation certificate"), true)}
            {file_field(l, "doc_invoice", l.t("殡葬费用发票（报销时必需）", "Funeral invoice (needed to reimburse)"), false)}
            {file_field(l, "doc_relation_proof", l.t("亲属关系证明", "Proof of relationship"), false)}

            <p class="nav-buttons">
                <button type="submit" class="button primary" data-testid="funeral-submit">{l.t("提交申请", "Send the claim")}</button>
            </p>
        </form>
    }
}
