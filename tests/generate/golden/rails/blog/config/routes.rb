# frozen_string_literal: true

# Every route of openapi.json, in its registration order.
Rails.application.routes.draw do
  scope format: false do
    get "/openapi.json", to: "system#openapi"
    get "/health", to: "system#health"
    get "/ready", to: "system#ready"
    get "/metrics", to: "system#metrics"
    post "/auth/register", to: "auth#register"
    post "/auth/login", to: "auth#login"
    post "/auth/refresh", to: "auth#refresh"
    get "/auth/me", to: "auth#me"
    get "/blogs", to: "blogs#index"
    post "/blogs", to: "blogs#create"
    get "/blogs/:id", to: "blogs#show"
    patch "/blogs/:id", to: "blogs#update"
    delete "/blogs/:id", to: "blogs#destroy"
    get "/posts", to: "posts#index"
    post "/posts", to: "posts#create"
    get "/posts/:id", to: "posts#show"
    patch "/posts/:id", to: "posts#update"
    delete "/posts/:id", to: "posts#destroy"
    get "/tags", to: "tags#index"
    post "/tags", to: "tags#create"
    get "/tags/:id", to: "tags#show"
    patch "/tags/:id", to: "tags#update"
    delete "/tags/:id", to: "tags#destroy"
    match "*path", to: "application#not_found", via: :all
  end
end
