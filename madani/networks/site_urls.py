from django.urls import path

from . import site_views

app_name = "network_site"
urlpatterns = [
    path("<slug:site_slug>/", site_views.home, name="home"),
    path("<slug:site_slug>/members/", site_views.members, name="members"),
    path("<slug:site_slug>/news/", site_views.news, name="news"),
    path("<slug:site_slug>/resources/", site_views.resources, name="resources"),
    path("<slug:site_slug>/services/", site_views.services, name="services"),
    path("<slug:site_slug>/opinion/", site_views.articles, name="articles"),
    path("<slug:site_slug>/opinion/feed/", site_views.ArticleFeed(), name="article_feed"),
    path("<slug:site_slug>/opinion/<int:pk>/", site_views.article, name="article"),
    path("<slug:site_slug>/theme.css", site_views.theme_css, name="theme_css"),
    path("<slug:site_slug>/logo.jpg", site_views.logo, name="logo"),
]
