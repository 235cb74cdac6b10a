//! The HTML document, the router and the routes.
use crate::account::login::LoginPage;
use crate::account::manage::AccountsPage;
use crate::account::me::{current_user, UserResource};
use crate::account::own::OwnAccountPage;
use crate::board::page::{BoardPage, ProjectorPage};
use crate::evaluation::compare_page::ComparePage;
use crate::follow_up::dashboard::DashboardPage;
use crate::follow_up::goals_page::GoalIndicatorsPage;
use crate::follow_up::year_page::YearFollowUpPage;
use crate::i18n::*;
use crate::inclusion::privacy_page::PrivacyPage;
use crate::join::page::JoinPage;
use crate::library::programme_page::ProgrammeLibraryPage;
use crate::library::search::LibraryPage;
use crate::pipeline::list_page::PrototypesPage;
use crate::pipeline::prototype_page::PrototypePage;
use crate::pipeline::round_page::RoundPage;
use crate::pipeline::trace_page::{CardTracePage, PrototypeTracePage};
use crate::plan::audit_page::AuditPage;
use crate::plan::measure_page::MeasurePage;
use crate::plan::plan_page::{PlanPage, PlansPage};
use crate::plan::promote_page::PromotePage;
use crate::plan::receipt::MyReceiptPage;
use crate::plan::receipt_lookup::ReceiptPage;
use crate::plan::version_page::{PlanVersionPage, PublicPlanPage};
use crate::programme::edit_page::ProgrammeEditPage;
use crate::programme::list_page::ProgrammesPage;
use crate::programme::view_page::ProgrammePage;
use crate::report::list_page::ReportsPage;
use crate::report::report_page::ReportPage;
use crate::ui::nav::SiteHeader;
use crate::ui::page::PageTitle;
use crate::ui::status_pages::NotFound;
use crate::workshop::detail_page::WorkshopPage;
use crate::workshop::list_page::WorkshopsPage;
use leptos::prelude::*;
use leptos_i18n::context::CookieOptions;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The full HTML document rendered on the server around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let bundle = crate::ui::bundle::for_this_page(options.clone());
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=bundle islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // One year, site-wide: the same cookie the `/lang/{code}` route sets.
    let cookie_options = CookieOptions::<Locale>::default()
        .path("/")
        .max_age(365_i64 * 24 * 3600 * 1000);
    view! {
        <I18nContextProvider cookie_options set_dir_attr_on_html=false>
            <DocumentDirection />
            <Router>
                <Session>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=FrontPage />
                        <Route path=path!("/login") view=LoginPage />
                        <Route path=path!("/programmes") view=ProgrammesPage ssr=SsrMode::Async />
                        <Route path=path!("/evaluation") view=ComparePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/library")
                            view=|| view! { <LibraryPage public=false /> }
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/public/library")
                            view=|| view! { <LibraryPage public=true /> }
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/library")
                            view=ProgrammeLibraryPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/p/:programme") view=ProgrammePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/p/:programme/dashboard")
                            view=DashboardPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/indicators")
                            view=GoalIndicatorsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/edit")
                            view=ProgrammeEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/accounts")
                            view=AccountsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/workshops")
                            view=WorkshopsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/prototypes")
                            view=PrototypesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/plans")
                            view=PlansPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/plans/:year")
                            view=PlanPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/plans/:year/follow-up")
                            view=YearFollowUpPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/plans/:year/versions/:version")
                            view=PlanVersionPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/reports")
                            view=ReportsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/p/:programme/audit")
                            view=AuditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/public/:programme/plans/:year")
                            view=PublicPlanPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/account") view=OwnAccountPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops/:id") view=WorkshopPage ssr=SsrMode::Async />
                        <Route path=path!("/join") view=JoinPage ssr=SsrMode::Async />
                        <Route path=path!("/boards/:id") view=BoardPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/boards/:id/cards/:card")
                            view=BoardPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/boards/:id/projector")
                            view=ProjectorPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/prototypes/:id")
                            view=PrototypePage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/rounds/:id") view=RoundPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/trace/cards/:id")
                            view=CardTracePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/trace/prototypes/:id")
                            view=PrototypeTracePage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/measures/new") view=PromotePage ssr=SsrMode::Async />
                        <Route path=path!("/measures/:id") view=MeasurePage ssr=SsrMode::Async />
                        <Route path=path!("/reports/:id") view=ReportPage ssr=SsrMode::Async />
                        <Route path=path!("/receipt") view=ReceiptPage ssr=SsrMode::Async />
                        <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/receipt/cards/:id")
                            view=MyReceiptPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Session>
            </Router>
        </I18nContextProvider>
    }
}

/// `dir` on `<html>`: right to left for Arabic, else left to right. (leptos_i18n's own
/// guess says "auto" for the Norwegian locales, which its ICU data does not cover.)
#[component]
fn DocumentDirection() -> impl IntoView {
    let i18n = use_i18n();
    let dir = move || crate::ui::language::direction(i18n.get_locale());
    view! { <leptos_meta::Html attr:dir=dir /> }
}

/// Loads the signed-in user for the header and the pages; sign-in and sign-out refetch it.
/// The projector view shows the board alone, without the site's header and footer.
#[component]
fn Session(children: Children) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(
        move || location.pathname.get(),
        |page| current_user(Some(page)),
    );
    provide_context(UserResource(user));
    let i18n = use_i18n();
    let chrome = move || !location.pathname.with(|path| path.ends_with("/projector"));
    view! {
        <Show when=chrome>
            <SiteHeader />
        </Show>
        {children()}
        <Show when=chrome>
            <footer class="site-footer">
                <a href="/privacy">{t!(i18n, nav.privacy)}</a>
                " · "
                <a href="/receipt">{t!(i18n, nav.receipt)}</a>
            </footer>
        </Show>
    }
}

#[component]
fn FrontPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, front.title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, front.title)}</h1>
            <p>{t!(i18n, front.intro)}</p>
            <p>
                <a class="button primary" href="/join">
                    {t!(i18n, front.join)}
                </a>
                " "
                <a class="button" href="/login">
                    {t!(i18n, front.staff_login)}
                </a>
            </p>
        </main>
    }
}
