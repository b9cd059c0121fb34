//! API routes declared once: each feature's `api::routes()` adds its handlers with `routes!`
//! (the path, method and OpenAPI entry come from the handler's `#[utoipa::path]`) together with
//! who may call them. The router, the OpenAPI document and the route walk's table all come from
//! that one declaration.

use crate::api::openapi::ensure_error;
use crate::auth::roles::Audience;
use crate::state::AppState;
use axum::Router;
use std::collections::BTreeMap;
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

/// One route: method, path (as the OpenAPI document writes it) and who may call it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRoute {
    pub method: &'static str,
    pub path: String,
    pub audience: Audience,
}

/// A set of API routes with their documentation and audiences.
pub struct ApiRoutes {
    router: OpenApiRouter<AppState>,
    table: Vec<ApiRoute>,
    /// Each schema by its name, to refuse two different types of one name: the document keeps
    /// one schema per name, and the other type's answers would be documented wrongly.
    schemas: BTreeMap<String, serde_json::Value>,
}

impl Default for ApiRoutes {
    fn default() -> Self {
        Self::new()
    }
}

impl ApiRoutes {
    pub fn new() -> Self {
        ApiRoutes {
            router: OpenApiRouter::default(),
            table: Vec::new(),
            schemas: BTreeMap::new(),
        }
    }

    /// Adds the handlers of `routes!(…)` (one path) for `audience`: the document states the
    /// audience (a resident's route requires `bearer` and may answer 401; a staff route requires
    /// `staff_session` with its roles as the scopes and may answer 401 and 403).
    pub fn add(mut self, audience: Audience, routes: UtoipaMethodRouter<AppState>) -> Self {
        let (schemas, mut paths, method_router) = routes;
        for (name, schema) in &schemas {
            let schema = serde_json::to_value(schema).expect("a schema serializes");
            self.add_schema(name, schema);
        }
        for (path, item) in paths.paths.iter_mut() {
            for (method, op) in operations_mut(item) {
                state_audience(op, method, audience);
                self.table.push(ApiRoute {
                    method,
                    path: path.clone(),
                    audience,
                });
            }
        }
        self.router = self.router.routes((schemas, paths, method_router));
        self
    }

    /// Both sets (their paths must differ or their methods on a path).
    pub fn merge(mut self, other: ApiRoutes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        for (name, schema) in other.schemas {
            self.add_schema(&name, schema);
        }
        self
    }

    fn add_schema(&mut self, name: &str, schema: serde_json::Value) {
        match self.schemas.get(name) {
            Some(known) => assert!(
                *known == schema,
                "two different types have the OpenAPI schema name {name}: give one of them \
                 #[schema(as = …)]"
            ),
            None => {
                self.schemas.insert(name.to_string(), schema);
            }
        }
    }

    /// The router, the paths' part of the document and the table of routes.
    pub fn into_parts(self) -> (Router<AppState>, OpenApi, Vec<ApiRoute>) {
        let (router, doc) = self.router.split_for_parts();
        (router, doc, self.table)
    }
}

fn operations_mut(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("GET", item.get.as_mut()),
        ("POST", item.post.as_mut()),
        ("PUT", item.put.as_mut()),
        ("PATCH", item.patch.as_mut()),
        ("DELETE", item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.map(|op| (m, op)))
    .collect()
}

fn state_audience(op: &mut Operation, method: &str, audience: Audience) {
    match audience {
        Audience::Anyone => {}
        Audience::Resident => {
            op.security = Some(vec![SecurityRequirement::new(
                "bearer",
                Vec::<String>::new(),
            )]);
            ensure_error(op, "401", "Not signed in, or the sign-in has ended");
            if method == "POST" {
                ensure_error(op, "403", "Signed in by cookie from another site");
            }
        }
        Audience::Staff(roles) => {
            op.security = Some(vec![SecurityRequirement::new(
                "staff_session",
                roles.iter().map(|r| r.as_str()),
            )]);
            ensure_error(op, "401", "No staff session, or it has ended");
            ensure_error(op, "403", "The staff role may not do this");
        }
    }
}
