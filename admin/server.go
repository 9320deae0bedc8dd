// Package admin is the statistics office's sign-in area: upload a table,
// see the preview of what it changes (the same importer.Preview the
// command line prints), publish it (data/ is written, the snapshot rebuilt,
// and every server watching the snapshot swaps), see the history and
// restore an earlier publish. It exists only when serve is given a users
// file: cmd mounts it in front of the public dashboard, which never
// imports it.
package admin

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"districtstats/importer"
)

// Config says where the admin area reads and writes.
type Config struct {
	UsersFile  string // name:bcrypt-hash lines (districtstats admin adduser)
	DataDir    string // the data directory publishes write
	DBPath     string // the snapshot publishes build
	StateDir   string // history, audit log and the publish lock
	TrustProxy bool   // client address and scheme from X-Forwarded-For/-Proto
	Log        *slog.Logger
}

// Limits. Variables so that tests can shorten the lockout.
var (
	MaxUpload     int64 = 10 << 20 // bytes per upload request
	LockAfter           = 10       // wrong passwords in a row
	LockFor             = 15 * time.Minute
	SignInsPerMin       = 30 // sign-in attempts per client address per minute
	SessionFor          = 8 * time.Hour
)

const (
	sessionCookie = "ds_admin"
	loginCookie   = "ds_admin_login" // double-submit token for the sign-in form
)

//go:embed templates/*.html
var templateFS embed.FS

// Handler serves /admin/.
type Handler struct {
	cfg   Config
	users map[string][]byte
	pub   *publisher
	tmpl  *template.Template
	log   *slog.Logger

	mu       sync.Mutex
	sessions map[string]*session
	failures map[string]*failure    // user -> wrong passwords in a row
	attempts map[string][]time.Time // client address -> sign-in attempts in the last minute
}

type session struct {
	user    string
	csrf    string
	expires time.Time
	uploads map[string]*upload
}

// upload is a previewed upload waiting to be published.
type upload struct {
	files   []string
	preview *importer.Preview
}

type failure struct {
	count       int
	lockedUntil time.Time
}

// New reads the users file and prepares the state directory.
func New(cfg Config) (*Handler, error) {
	users, err := LoadUsers(cfg.UsersFile)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.StateDir, 0o700); err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	tmpl, err := template.New("").Funcs(template.FuncMap{
		"time": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
	}).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &Handler{cfg: cfg, users: users, tmpl: tmpl, log: cfg.Log,
		pub:      &publisher{dataDir: cfg.DataDir, dbPath: cfg.DBPath, stateDir: cfg.StateDir},
		sessions: map[string]*session{}, failures: map[string]*failure{}, attempts: map[string][]time.Time{}}, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// No script at all on these pages; forms post only here; never framed.
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cache-Control", "no-store")

	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == "/admin/login" && r.Method == http.MethodGet:
		h.loginPage(w, r, "", http.StatusOK)
		return
	case path == "/admin/login" && r.Method == http.MethodPost:
		h.login(w, r)
		return
	}
	s := h.session(r)
	if s == nil {
		h.render(w, http.StatusUnauthorized, "refused.html", map[string]any{"Message": "Sign in first."})
		return
	}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
		if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				h.fail(w, s, http.StatusRequestEntityTooLarge, fmt.Sprintf("The upload is larger than %d MB.", MaxUpload>>20))
				return
			}
			h.fail(w, s, http.StatusBadRequest, "The form could not be read.")
			return
		}
		if subtle.ConstantTimeCompare([]byte(r.FormValue("csrf")), []byte(s.csrf)) != 1 {
			h.pub.audit("csrf_refused", s.user, h.clientIP(r), map[string]any{"path": path})
			h.render(w, http.StatusForbidden, "refused.html", map[string]any{"Message": "This form has expired or did not come from this site. Go back, reload and try again."})
			return
		}
	}
	switch {
	case path == "/admin" && r.Method == http.MethodGet:
		h.home(w, s, "")
	case path == "/admin/upload" && r.Method == http.MethodPost:
		h.upload(w, r, s)
	case path == "/admin/publish" && r.Method == http.MethodPost:
		h.publish(w, r, s)
	case path == "/admin/history" && r.Method == http.MethodGet:
		h.history(w, s, "")
	case path == "/admin/restore" && r.Method == http.MethodPost:
		h.restore(w, r, s)
	case path == "/admin/logout" && r.Method == http.MethodPost:
		h.logout(w, r, s)
	case strings.HasPrefix(path, "/admin/uploads/") && strings.HasSuffix(path, ".csv") && r.Method == http.MethodGet:
		h.uploadCSV(w, s, strings.TrimSuffix(strings.TrimPrefix(path, "/admin/uploads/"), ".csv"))
	case strings.HasPrefix(path, "/admin/history/") && strings.HasSuffix(path, ".csv") && r.Method == http.MethodGet:
		h.previewCSV(w, s, strings.TrimSuffix(strings.TrimPrefix(path, "/admin/history/"), ".csv"))
	default:
		h.fail(w, s, http.StatusNotFound, "No such page.")
	}
}

var titles = map[string]string{"login.html": "Sign in", "home.html": "Upload", "preview.html": "Preview",
	"history.html": "History", "refused.html": "Refused", "message.html": "Message"}

func (h *Handler) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	data["Title"] = titles[name]
	var b bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		h.log.Error("admin template", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (h *Handler) fail(w http.ResponseWriter, s *session, status int, msg string) {
	h.render(w, status, "message.html", map[string]any{"User": s.user, "CSRF": s.csrf, "Message": msg})
}

func token() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// secure says whether the client reached us over TLS, directly or through
// a trusted proxy: then cookies are Secure.
func (h *Handler) secure(r *http.Request) bool {
	return r.TLS != nil || h.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (h *Handler) clientIP(r *http.Request) string {
	if h.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			return strings.TrimSpace(strings.Split(xff, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/admin", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: h.secure(r)})
}

func (h *Handler) session(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.sessions[c.Value]
	if s == nil || time.Now().After(s.expires) {
		delete(h.sessions, c.Value)
		return nil
	}
	return s
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request, msg string, status int) {
	t := token()
	h.setCookie(w, r, loginCookie, t, 600)
	h.render(w, status, "login.html", map[string]any{"CSRF": t, "Message": msg})
}

// dummyHash is compared against for unknown users, so that a wrong name
// takes as long as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a password of anyone"), hashCost)

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	ip := h.clientIP(r)
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || r.ParseForm() != nil || subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(c.Value)) != 1 {
		h.pub.audit("csrf_refused", "", ip, map[string]any{"path": "/admin/login"})
		h.loginPage(w, r, "This form has expired. Please sign in again.", http.StatusForbidden)
		return
	}
	name, password := r.PostFormValue("user"), r.PostFormValue("password")

	h.mu.Lock()
	now := time.Now()
	h.sweep(now)
	recent := h.attempts[ip][:0]
	for _, t := range h.attempts[ip] {
		if now.Sub(t) < time.Minute {
			recent = append(recent, t)
		}
	}
	h.attempts[ip] = append(recent, now)
	tooMany := len(h.attempts[ip]) > SignInsPerMin
	f := h.failures[name]
	locked := f != nil && now.Before(f.lockedUntil)
	h.mu.Unlock()
	if tooMany {
		h.pub.audit("signin_rate_limited", name, ip, nil)
		w.Header().Set("Retry-After", "60")
		h.loginPage(w, r, "Too many sign-in attempts from your address. Wait a minute.", http.StatusTooManyRequests)
		return
	}
	if locked {
		h.pub.audit("signin_refused_locked", name, ip, nil)
		h.loginPage(w, r, "This account is locked after too many wrong passwords. Try again later.", http.StatusForbidden)
		return
	}
	hash, known := h.users[name]
	if !known {
		hash = dummyHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || !known {
		lockNow := false
		if known { // counting unknown names would let anyone grow the map without bound
			h.mu.Lock()
			f := h.failures[name]
			if f == nil {
				f = &failure{}
				h.failures[name] = f
			}
			f.count++
			if lockNow = f.count >= LockAfter; lockNow {
				f.lockedUntil, f.count = now.Add(LockFor), 0
			}
			h.mu.Unlock()
		}
		h.pub.audit("signin_failed", name, ip, nil)
		if lockNow {
			h.pub.audit("account_locked", name, ip, map[string]any{"until": now.Add(LockFor).UTC().Format(time.RFC3339)})
		}
		h.loginPage(w, r, "Wrong user name or password.", http.StatusUnauthorized)
		return
	}
	s := &session{user: name, csrf: token(), expires: now.Add(SessionFor), uploads: map[string]*upload{}}
	id := token()
	h.mu.Lock()
	delete(h.failures, name)
	h.sessions[id] = s
	h.mu.Unlock()
	h.setCookie(w, r, sessionCookie, id, int(SessionFor.Seconds()))
	h.setCookie(w, r, loginCookie, "", -1)
	h.pub.audit("signin", name, ip, nil)
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// maxPending bounds the previews one session keeps waiting for publish.
const maxPending = 5

// sweep forgets expired sessions and old sign-in attempts; h.mu is held.
func (h *Handler) sweep(now time.Time) {
	for id, s := range h.sessions {
		if now.After(s.expires) {
			delete(h.sessions, id)
		}
	}
	for ip, ts := range h.attempts {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) > time.Minute {
			delete(h.attempts, ip)
		}
	}
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, s *session) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		h.mu.Lock()
		delete(h.sessions, c.Value)
		h.mu.Unlock()
	}
	h.setCookie(w, r, sessionCookie, "", -1)
	h.pub.audit("signout", s.user, h.clientIP(r), nil)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

func (h *Handler) home(w http.ResponseWriter, s *session, msg string) {
	h.render(w, http.StatusOK, "home.html", map[string]any{"User": s.user, "CSRF": s.csrf, "Message": msg, "MaxMB": MaxUpload >> 20})
}

// upload reads the files and the source fields, and shows the preview.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request, s *session) {
	var files []importer.File
	var names []string
	if r.MultipartForm == nil || len(r.MultipartForm.File["files"]) == 0 {
		h.fail(w, s, http.StatusBadRequest, "Choose at least one .xlsx or .csv file.")
		return
	}
	for _, fh := range r.MultipartForm.File["files"] {
		f, err := fh.Open()
		if err != nil {
			h.fail(w, s, http.StatusBadRequest, "The upload could not be read.")
			return
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			h.fail(w, s, http.StatusBadRequest, "The upload could not be read.")
			return
		}
		name := filepath.Base(fh.Filename)
		if msg := checkType(name, b); msg != "" {
			h.fail(w, s, http.StatusUnsupportedMediaType, name+": "+msg)
			return
		}
		files = append(files, importer.File{Name: name, Data: b})
		names = append(names, name)
	}
	opts := importer.Options{DataDir: h.cfg.DataDir, Source: strings.TrimSpace(r.FormValue("source")),
		Region: strings.TrimSpace(r.FormValue("region")), Status: r.FormValue("status")}
	if t := strings.TrimSpace(r.FormValue("source_title")); t != "" {
		opts.NewSource = &importer.Source{Title: t, Publisher: strings.TrimSpace(r.FormValue("source_publisher")),
			PublisherEn: strings.TrimSpace(r.FormValue("source_publisher_en")), Published: strings.TrimSpace(r.FormValue("source_date")),
			URL: strings.TrimSpace(r.FormValue("source_url"))}
	}
	p, err := importer.Read(opts, files)
	if err != nil {
		h.fail(w, s, http.StatusUnprocessableEntity, err.Error())
		return
	}
	id := token()[:16]
	h.mu.Lock()
	if len(s.uploads) >= maxPending {
		for k := range s.uploads { // a previewed upload no one published: forget one
			delete(s.uploads, k)
			break
		}
	}
	s.uploads[id] = &upload{files: names, preview: p}
	h.mu.Unlock()
	h.pub.audit("upload", s.user, h.clientIP(r), map[string]any{"files": names, "counts": p.Counts()})
	h.render(w, http.StatusOK, "preview.html", map[string]any{"User": s.user, "CSRF": s.csrf, "Upload": id, "Files": names,
		"P": p, "Rows": p.Rows(), "Header": importer.CSVHeader, "Counts": p.Counts(), "Writable": len(p.Added)+len(p.Revised) > 0})
}

// checkType accepts what the importer reads: an XLSX (a zip) or a text
// CSV, by content as well as by name.
func checkType(name string, b []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			return "not an .xlsx file (save it from Excel or WPS as .xlsx)"
		}
	case ".csv":
		if bytes.IndexByte(b, 0) >= 0 || bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			return "not a text CSV file"
		}
	default:
		return "only .xlsx and .csv files are accepted"
	}
	return ""
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request, s *session) {
	id := r.FormValue("upload")
	h.mu.Lock()
	u := s.uploads[id]
	delete(s.uploads, id)
	h.mu.Unlock()
	if u == nil {
		h.fail(w, s, http.StatusConflict, "This preview was already published or has expired. Upload the file again.")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a publish is not cut short by the client leaving
	defer cancel()
	e, err := h.pub.Publish(ctx, s.user, u.files, u.preview)
	ip := h.clientIP(r)
	if err != nil {
		h.pub.audit("publish_failed", s.user, ip, map[string]any{"files": u.files, "error": err.Error()})
		h.fail(w, s, http.StatusUnprocessableEntity, "Nothing was published: "+err.Error())
		return
	}
	h.pub.audit("publish", s.user, ip, map[string]any{"id": e.ID, "files": e.Files, "added": e.Added, "revised": e.Revised, "snapshot_sha256": e.SnapshotSHA})
	h.history(w, s, fmt.Sprintf("Published #%d: %d added, %d revised. Every server watching the snapshot shows it within a few seconds.", e.ID, e.Added, e.Revised))
}

func (h *Handler) history(w http.ResponseWriter, s *session, msg string) {
	hist, err := h.pub.History()
	if err != nil {
		h.fail(w, s, http.StatusInternalServerError, err.Error())
		return
	}
	h.render(w, http.StatusOK, "history.html", map[string]any{"User": s.user, "CSRF": s.csrf, "Message": msg, "History": hist})
}

func (h *Handler) restore(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := strconv.Atoi(r.FormValue("id"))
	if err != nil {
		h.fail(w, s, http.StatusBadRequest, "Which publish?")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	e, err := h.pub.Restore(ctx, s.user, id)
	ip := h.clientIP(r)
	if err != nil {
		h.pub.audit("restore_failed", s.user, ip, map[string]any{"from": id, "error": err.Error()})
		h.fail(w, s, http.StatusUnprocessableEntity, "Nothing was restored: "+err.Error())
		return
	}
	h.pub.audit("restore", s.user, ip, map[string]any{"id": e.ID, "from": id, "snapshot_sha256": e.SnapshotSHA})
	h.history(w, s, fmt.Sprintf("Restored #%d as #%d.", id, e.ID))
}

func (h *Handler) previewCSV(w http.ResponseWriter, s *session, idText string) {
	id, err := strconv.Atoi(idText)
	if err != nil {
		h.fail(w, s, http.StatusNotFound, "No such page.")
		return
	}
	b, err := h.pub.Preview(id)
	if err != nil {
		h.fail(w, s, http.StatusNotFound, "That publish has no preview.")
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="publish-%d-preview.csv"`, id))
	w.Write(b)
}

func (h *Handler) uploadCSV(w http.ResponseWriter, s *session, id string) {
	h.mu.Lock()
	u := s.uploads[id]
	h.mu.Unlock()
	if u == nil {
		h.fail(w, s, http.StatusNotFound, "This preview was already published or has expired.")
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="preview.csv"`)
	u.preview.WriteCSV(w)
}
