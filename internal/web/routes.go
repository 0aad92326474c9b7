// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/static"
)

var getHead = []string{http.MethodGet, http.MethodHead}

// router is what *echo.Echo and *echo.Group have in common.
type router interface {
	Match(methods []string, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) []*echo.Route
}

// get registers a read-only route for GET and HEAD, so monitors and link
// checkers that send HEAD get the same answer without the body.
func get(r router, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.Match(getHead, path, h, m...)
}

// routes is the index of the application: every URL nordcal answers.
// Feed, event .ics and API URLs are public interfaces: never break them.
func (s *Server) routes() {
	e := s.echo

	// Service
	get(e, "/", s.redirectToLanguage)
	get(e, "/healthz", s.health)
	e.StaticFS("/static", static.FS)

	// iCal and Atom feeds and single events (public interfaces; they
	// compress and answer conditional requests themselves). publicRead:
	// any site may read them (CORS, see cors.go)
	publicRead(e, "/feeds/events.ics", s.feedEvents)
	publicRead(e, "/feeds/events.atom", s.feedAtom)
	get(e, "/events/:file", s.eventICS)

	// JSON API (public interface; any site may read it)
	publicRead(e, "/api/v1/events", s.apiEvents)
	publicRead(e, "/api/v1/events/:id", s.apiEvent)
	publicRead(e, "/api/v1/clashes", s.apiClashes)
	publicRead(e, "/api/v1/organisations", s.apiOrganisations)
	publicRead(e, "/api/v1/people", s.apiPeople)
	publicRead(e, "/api/v1/networks", s.apiNetworks)
	publicRead(e, "/api/v1/documents", s.apiDocuments)
	publicRead(e, "/api/v1/export/hsds.json", s.exportHSDS)
	publicRead(e, "/api/v1/openapi.json", s.apiSpec)

	// The event list for other sites: framed by them (only these routes
	// relax frame-ancestors) or fetched by static/js/embed.js (CORS);
	// cached like the list pages
	embed := e.Group("/embed/:lang")
	s.getCached(embed, "/embed/:lang", "/events", s.embedEvents, s.embedLang, s.embedFrameable)
	s.getCached(embed, "/embed/:lang", "/events.fragment", s.embedEvents, s.embedLang, s.embedFrameable, s.embedCORS)

	// Pages, in the reader's language
	// (the calendar's own pages are the same for every reader: cached)
	pages := e.Group("/:lang", s.requireLang, s.selfCompressed.gzipPages())
	get(pages, "", s.redirectToLanguageHome)
	s.getCached(pages, "/:lang", "/", s.home)
	s.getCached(pages, "/:lang", "/events", s.listEvents)
	s.getCached(pages, "/:lang", "/events/:id", s.showEvent)
	s.getCached(pages, "/:lang", "/calendar", s.monthCurrent)
	s.getCached(pages, "/:lang", "/calendar/:year/:month", s.month)
	s.getCached(pages, "/:lang", "/year", s.yearCurrent)
	s.getCached(pages, "/:lang", "/year/:year", s.year)
	get(pages, "/subscribe", s.subscribe)
	get(pages, "/subscribe/embed", s.embedBuilder)
	get(pages, "/subscribe/email/unsubscribed", s.unsubscribed, s.withSubscriptions)
	// RFC 8058 one-click unsubscription: posted by mail providers, without a
	// page or CSRF token; the private link's token is the authority
	pages.POST("/subscriptions/:token/unsubscribe/one-click", s.unsubscribeOneClick, s.withSubscriptions, registrationLimiter())
	get(pages, "/accessibility", s.accessibility)

	// Public registration and manage links: CSRF, rate limit, honeypot in the handler
	forms := pages.Group("", csrf(s.BaseURL.Scheme == "https"))
	limited := registrationLimiter()
	get(forms, "/events/new", s.newEventForm)
	forms.POST("/events/new", s.submitEvent, checkOrRegister(checkLimiter(), limited))
	get(forms, "/events/import", s.importForm)
	forms.POST("/events/import", s.importEvents, limited)
	get(forms, "/manage/:token", s.managePage, manageHeaders)
	perLink := manageLimiter()
	forms.POST("/manage/:token", s.manageSave, manageHeaders, limited, perLink)
	forms.POST("/manage/:token/cancel", s.manageCancel, manageHeaders, limited, perLink)
	forms.POST("/manage/:token/reinstate", s.manageReinstate, manageHeaders, limited, perLink)
	get(forms, "/manage/:token/dates/:key", s.manageDate, manageHeaders)
	forms.POST("/manage/:token/dates/:key", s.manageSaveDate, manageHeaders, limited, perLink)
	forms.POST("/manage/:token/dates/:key/cancel", s.manageCancelDate, manageHeaders, limited, perLink)
	get(forms, "/manage", s.recoverForm)
	forms.POST("/manage", s.recoverLinks, limited)
	get(forms, "/subscribe/email", s.emailSubscribeForm, s.withSubscriptions)
	forms.POST("/subscribe/email", s.emailSubscribe, s.withSubscriptions, limited)
	get(forms, "/subscriptions/:token", s.subscriptionPage, s.withSubscriptions, manageHeaders)
	forms.POST("/subscriptions/:token/confirm", s.confirmSubscription, s.withSubscriptions, manageHeaders, limited)
	forms.POST("/subscriptions/:token/unsubscribe", s.unsubscribe, s.withSubscriptions, manageHeaders, limited)
	// Directory verification links ("Is this still right?") and suggested corrections
	get(forms, "/verify/done", s.verifyThanks, manageHeaders)
	get(forms, "/verify/:token", s.verifyEntry, manageHeaders)
	forms.POST("/verify/:token/confirm", s.verifyConfirm, manageHeaders, limited)
	forms.POST("/verify/:token/propose", s.verifyPropose, manageHeaders, limited)
	forms.POST("/verify/:token/hide", s.verifyHide, manageHeaders, limited)
	forms.POST("/verify/:token/erase", s.verifyErase, manageHeaders, limited)
	get(forms, "/directory/people/:id/correct", s.personCorrectionForm)
	forms.POST("/directory/people/:id/correct", s.suggestPersonCorrection, limited)
	get(forms, "/directory/organisations/:slug/correct", s.orgCorrectionForm)
	forms.POST("/directory/organisations/:slug/correct", s.suggestOrgCorrection, limited)
	// Contact directory, search and documents; responses with e-mail
	// addresses share one rate limit (see emailPolicy)
	contacts := contactLimiter()
	get(pages, "/directory", s.directoryHome)
	get(pages, "/directory/csv", s.exportCSV("home"), contacts)
	get(pages, "/directory/countries/:code", s.directoryCountry)
	get(pages, "/directory/countries/:code/vcard", s.exportVCard("country"), contacts)
	get(pages, "/directory/countries/:code/csv", s.exportCSV("country"), contacts)
	get(pages, "/directory/networks/:slug", s.directoryNetwork)
	get(pages, "/directory/networks/:slug/roster", s.networkRoster)
	get(pages, "/directory/networks/:slug/vcard", s.exportVCard("network"), contacts)
	get(pages, "/directory/networks/:slug/csv", s.exportCSV("network"), contacts)
	get(pages, "/directory/organisations/:slug", s.directoryOrganisation)
	get(pages, "/directory/organisations/:slug/vcard", s.exportVCard("organisation"), contacts)
	get(pages, "/directory/organisations/:slug/csv", s.exportCSV("organisation"), contacts)
	get(pages, "/directory/people/:id", s.directoryPerson, contacts)
	get(pages, "/directory/people/:id/vcard", s.personVCard, contacts)
	get(pages, "/directory/roles/:slug", s.directoryRole)
	get(pages, "/search", s.search)
	get(pages, "/search/vcard", s.exportVCard("search"), contacts)
	get(pages, "/search/csv", s.exportCSV("search"), contacts)
	get(pages, "/documents", s.documents)
	get(pages, "/documents/csv", s.documentsCSV)
	get(e, "/files/documents/:id", s.documentFile) // uploaded PDFs, the same in every language
	get(pages, "/privacy", s.privacy)

	// Secretariat area: sessions, CSRF on every state-changing request, no caching
	admin := e.Group("/admin", echo.WrapMiddleware(s.sessions.LoadAndSave), csrf(s.BaseURL.Scheme == "https"), noStore)
	get(admin, "/login", s.loginForm)
	admin.POST("/login", s.login, loginLimiter(), loginGlobalLimiter())
	admin.POST("/logout", s.logout)
	signedIn := admin.Group("", s.requireUser)
	get(signedIn, "", s.dashboard)
	get(signedIn, "/", s.dashboard)
	get(signedIn, "/password", s.passwordForm)
	signedIn.POST("/password", s.changePassword)
	get(signedIn, "/moderation", s.moderationQueue)
	get(signedIn, "/events", s.adminEvents)
	get(signedIn, "/events/:id", s.adminEvent)
	signedIn.POST("/events/:id", s.adminSaveEvent)
	signedIn.POST("/events/:id/approve", s.approveEvent)
	signedIn.POST("/events/:id/reject", s.rejectEvent)
	signedIn.POST("/events/:id/merge", s.mergeEvent)
	signedIn.POST("/events/:id/cancel", s.cancelEvent)
	signedIn.POST("/events/:id/reinstate", s.reinstateEvent)
	// One date of a series, named by the series and its recurrence key
	get(signedIn, "/events/:id/dates/:key", s.adminDate)
	signedIn.POST("/events/:id/dates/:key", s.adminSaveDate)
	signedIn.POST("/events/:id/dates/:key/cancel", s.adminCancelDate)
	signedIn.POST("/events/:id/dates/:key/reinstate", s.adminReinstateDate)
	get(signedIn, "/import", s.importForm)
	signedIn.POST("/import", s.importEvents)
	get(signedIn, "/clashes", s.clashReport)
	get(signedIn, "/protected", s.protectedDates)
	signedIn.POST("/protected", s.createProtectedDate)
	signedIn.POST("/protected/:id/delete", s.deleteProtectedDate)
	get(signedIn, "/security", s.security)
	signedIn.POST("/security/totp", s.enableTOTP)
	signedIn.POST("/security/totp/disable", s.disableTOTP)
	get(signedIn, "/settings", s.settings, s.withStaffNotices)
	signedIn.POST("/settings", s.saveSettings, s.withStaffNotices)
	// Directory curation, for editors and admins
	get(signedIn, "/directory", s.adminDirectory)
	get(signedIn, "/directory/freshness", s.freshness)
	get(signedIn, "/directory/people/new", s.newPerson)
	signedIn.POST("/directory/people", s.createPerson)
	get(signedIn, "/directory/people/:id", s.editPerson)
	signedIn.POST("/directory/people/:id", s.updatePerson)
	signedIn.POST("/directory/people/:id/move", s.movePerson)
	signedIn.POST("/directory/people/:id/verify", s.verifyPerson)
	signedIn.POST("/directory/people/:id/merge", s.mergePerson)
	signedIn.POST("/directory/people/:id/erase", s.erasePerson)
	get(signedIn, "/directory/organisations/new", s.newOrganisation)
	signedIn.POST("/directory/organisations", s.createOrganisation)
	get(signedIn, "/directory/organisations/:id", s.editOrganisation)
	signedIn.POST("/directory/organisations/:id", s.updateOrganisation)
	signedIn.POST("/directory/organisations/:id/merge", s.mergeOrganisation)
	signedIn.POST("/directory/organisations/:id/delete", s.deleteOrganisation)
	signedIn.POST("/directory/organisations/:id/verify", s.verifyOrganisation)
	get(signedIn, "/directory/roles", s.adminRoles)
	signedIn.POST("/directory/roles", s.createRole)
	get(signedIn, "/directory/roles/:id", s.editRole)
	signedIn.POST("/directory/roles/:id", s.updateRole)
	signedIn.POST("/directory/roles/:id/retire", s.retireRole)
	signedIn.POST("/directory/roles/:id/holders", s.assignHolder)
	signedIn.POST("/directory/roles/:id/holders/:hid/end", s.endHolding)
	get(signedIn, "/directory/verification", s.campaigns)
	signedIn.POST("/directory/verification", s.startCampaign)
	get(signedIn, "/directory/proposals", s.proposals)
	get(signedIn, "/directory/proposals/:id", s.proposal)
	signedIn.POST("/directory/proposals/:id/approve", s.approveProposal)
	signedIn.POST("/directory/proposals/:id/reject", s.rejectProposal)
	// Networks and their members, documents and their attachments to events
	// (uploads: see bodyLimit)
	get(signedIn, "/directory/networks", s.adminNetworks)
	get(signedIn, "/directory/networks/new", s.newNetwork)
	signedIn.POST("/directory/networks", s.createNetwork)
	get(signedIn, "/directory/networks/:id", s.editNetwork)
	signedIn.POST("/directory/networks/:id", s.updateNetwork)
	signedIn.POST("/directory/networks/:id/archive", s.archiveNetwork)
	signedIn.POST("/directory/networks/:id/restore", s.restoreNetwork)
	signedIn.POST("/directory/networks/:id/merge", s.mergeNetwork)
	get(signedIn, "/directory/networks/:id/roster.csv", s.networkRosterCSV)
	signedIn.POST("/directory/networks/:id/members", s.addNetworkMember)
	signedIn.POST("/directory/networks/:id/members/:member", s.updateNetworkMember)
	signedIn.POST("/directory/networks/:id/members/:member/end", s.endNetworkMember)
	signedIn.POST("/directory/networks/:id/members/:member/remove", s.removeNetworkMember)
	get(signedIn, "/directory/documents", s.adminDocuments)
	get(signedIn, "/directory/documents/new", s.newDocument)
	signedIn.POST("/directory/documents", s.createDocument)
	get(signedIn, "/directory/documents/:id", s.editDocument)
	signedIn.POST("/directory/documents/:id", s.updateDocument)
	signedIn.POST("/directory/documents/:id/archive", s.archiveDocument)
	signedIn.POST("/directory/documents/:id/restore", s.restoreDocument)
	signedIn.POST("/directory/documents/:id/events", s.attachDocumentToEvent)
	signedIn.POST("/directory/documents/:id/events/:event/detach", s.detachDocumentFromEvent)
	signedIn.POST("/events/:id/documents", s.attachToEvent)
	signedIn.POST("/events/:id/documents/:doc/detach", s.detachFromEvent)
	get(signedIn, "/directory/import", s.csvImportForm)
	signedIn.POST("/directory/import", s.importPreview)
	signedIn.POST("/directory/import/apply", s.importApply)
	// Partner calendars: editors see them and decide on what their syncs
	// ask; admins add, change, sync, pause and remove them
	sources := signedIn.Group("/sources", s.withSources)
	get(sources, "", s.listSources)
	get(sources, "/:id", s.showSource)
	sources.POST("/links/:id", s.decideLink)
	sourceAdmins := sources.Group("", s.requireRole(auth.Admin))
	get(sourceAdmins, "/new", s.newSource)
	sourceAdmins.POST("", s.createSource)
	get(sourceAdmins, "/:id/edit", s.editSource)
	sourceAdmins.POST("/:id", s.updateSource)
	sourceAdmins.POST("/:id/sync", s.syncSource)
	sourceAdmins.POST("/:id/pause", s.pauseSource)
	get(sourceAdmins, "/:id/remove", s.removeSourceForm)
	sourceAdmins.POST("/:id/remove", s.removeSource)
	admins := signedIn.Group("", s.requireRole(auth.Admin))
	get(admins, "/users", s.listUsers)
	admins.POST("/users", s.createUser)
	get(admins, "/users/:id", s.editUser)
	admins.POST("/users/:id", s.updateUser)
	admins.POST("/users/:id/password", s.resetUserPassword)
	get(admins, "/audit", s.auditLog)

	e.RouteNotFound("/*", func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound) })
}

// Routes lists every registered method and path; tests use it so that a
// new route cannot escape the authorization and CSRF checks unnoticed.
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }
