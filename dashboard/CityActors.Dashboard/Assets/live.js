// Keeps a page's live parts current: one server-sent event stream per page, each event the new HTML of one part.
(function () {
    const parts = Array.from(document.querySelectorAll("[data-live]")).map(e => e.dataset.live);
    if (parts.length === 0 || !window.EventSource) return;
    const query = new URLSearchParams(window.location.search);
    query.set("parts", parts.join(","));
    query.set("lang", document.documentElement.lang);
    const facility = document.querySelector("[data-live='facility']");
    if (facility) query.set("facility", facility.dataset.facility);
    const source = new EventSource("dashboard/live?" + query.toString());
    document.documentElement.dataset.liveState = "connecting";
    source.onopen = () => document.documentElement.dataset.liveState = "open";
    source.onerror = () => document.documentElement.dataset.liveState = "reconnecting";
    for (const part of parts) {
        source.addEventListener(part, event => {
            const target = document.querySelector("[data-live='" + part + "']");
            if (target) target.innerHTML = event.data;
        });
    }
})();
