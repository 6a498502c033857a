// Charts on pages that carry their data in data-labels / data-values attributes, and CSRF for htmx.
document.addEventListener("DOMContentLoaded", () => {
    const token = document.querySelector("meta[name=_csrf]");
    const header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
        document.body.addEventListener("htmx:configRequest", (event) => {
            event.detail.headers[header.content] = token.content;
        });
    }
    drawCharts();
    document.body.addEventListener("htmx:afterSettle", drawCharts);
    // A button that copies a field (a link shown only once) to the clipboard, and says so.
    document.body.addEventListener("click", (event) => {
        const button = event.target.closest ? event.target.closest("[data-copy]") : null;
        const field = button && document.getElementById(button.dataset.copy);
        if (!field) {
            return;
        }
        field.select();
        const said = () => { button.textContent = "Copied"; };
        let copied = false;
        try {
            copied = document.execCommand("copy");
        } catch (e) {
            copied = false;
        }
        if (copied) {
            said();
        } else if (navigator.clipboard) {
            navigator.clipboard.writeText(field.value).then(said, () => {});
        }
    });
    // A form that asks before it is sent (an action that is not undone by another click).
    document.body.addEventListener("submit", (event) => {
        const question = event.target.dataset && event.target.dataset.confirm;
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });
    // Tabs (role=tablist): the arrow keys, Home and End move between them, as the ARIA practices describe.
    document.querySelectorAll("[role=tablist]").forEach((list) => {
        // On a narrow screen the tabs scroll sideways: bring the shown one into view.
        const shown = list.querySelector("[aria-selected=true]");
        if (shown) {
            list.scrollLeft = shown.offsetLeft - list.offsetLeft - 24;
        }
        list.addEventListener("keydown", (event) => {
            const tabs = Array.from(list.querySelectorAll("[role=tab]"));
            const at = tabs.indexOf(document.activeElement);
            if (at < 0) {
                return;
            }
            const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
            if (next === undefined) {
                return;
            }
            event.preventDefault();
            tabs[(next + tabs.length) % tabs.length].focus();
        });
    });
    // A box that ticks every box of a name (the book's accounts for a bulk reassignment).
    document.body.addEventListener("change", (event) => {
        const name = event.target.dataset && event.target.dataset.checkAll;
        if (name) {
            document.querySelectorAll(`input[type=checkbox][name="${name}"]`).forEach((box) => {
                box.checked = event.target.checked;
            });
        }
    });
});

const palette = ["#1f4e79", "#2e86ab", "#7fb7d6", "#f18f01", "#c73e1d", "#6a994e"];

function drawCharts() {
    if (typeof Chart === "undefined") {
        return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(drawConfigured);
    document.querySelectorAll("canvas[data-labels]").forEach((canvas) => {
        const existing = Chart.getChart(canvas);
        if (existing) {
            existing.destroy();
        }
        const labels = canvas.dataset.labels.split(",");
        const values = canvas.dataset.values.split(",").map(Number);
        const isMoney = canvas.id.startsWith("arr");
        new Chart(canvas, {
            type: "bar",
            data: { labels, datasets: [{ data: values, backgroundColor: palette.slice(0, labels.length) }] },
            options: {
                indexAxis: "y",
                animation: false,
                plugins: { legend: { display: false },
                    tooltip: { callbacks: { label: (c) => isMoney ? money(c.parsed.x) : c.parsed.x + " accounts" } } },
                scales: { x: { ticks: { precision: 0, callback: (v) => isMoney ? money(v) : v } } }
            }
        });
    });
}

// Amounts in the book's currency (lodestar.currency, carried by the page's meta tag), whole units.
const currencyMeta = document.querySelector("meta[name=lodestar-currency]");
const localeMeta = document.querySelector("meta[name=lodestar-locale]");
const moneyFormat = new Intl.NumberFormat(localeMeta ? localeMeta.content : "en-US",
    { style: "currency", currency: currencyMeta ? currencyMeta.content : "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 });
const money = (v) => moneyFormat.format(Math.round(Number(v)));

// Charts whose data comes as JSON in data-config: a waterfall of floating bars, lines, or grouped bars.
function drawConfigured(canvas) {
    const existing = Chart.getChart(canvas);
    if (existing) {
        existing.destroy();
    }
    const config = JSON.parse(canvas.dataset.config);
    const kind = canvas.dataset.chart;
    if (kind === "curve") {
        // Points on two 0–1 axes joined by lines (a ROC curve): {x, y, datasets: [{label, data: [{x, y}]}]}.
        const axis = (title) => ({ min: 0, max: 1, title: { display: true, text: title },
            ticks: { callback: (v) => Math.round(v * 100) + "%" } });
        new Chart(canvas, {
            type: "scatter",
            data: { datasets: config.datasets.map((d, i) => ({ label: d.label, data: d.data, showLine: true, pointRadius: 0,
                borderColor: d.color ?? palette[i], backgroundColor: d.color ?? palette[i], borderDash: d.color ? [4, 4] : [] })) },
            options: { animation: false, scales: { x: axis(config.x), y: axis(config.y) } }
        });
        return;
    }
    if (kind === "waterfall") {
        new Chart(canvas, {
            type: "bar",
            data: { labels: config.labels, datasets: [{ data: config.bars.map((b) => b.map(Number)),
                backgroundColor: ["#1f4e79", "#6a994e", "#f18f01", "#c73e1d", "#2e86ab"] }] },
            options: { animation: false, plugins: { legend: { display: false },
                    tooltip: { callbacks: { label: (c) => money(c.raw[1] - c.raw[0]) } } },
                scales: { y: { ticks: { callback: money } } } }
        });
        return;
    }
    // unit: "%" (the default for lines), "$" (money in the book's currency, the default for bars) or "" for plain counts; axis "y1" puts a
    // dataset on a second scale at the right.
    const unit = config.unit ?? (kind === "line" ? "%" : "$");
    const tick = unit === "%" ? (v) => v + "%" : unit === "$" ? money : (v) => Number(v).toLocaleString();
    const datasets = config.datasets.map((d, i) => ({ label: d.label, data: d.data.map((v) => v === null ? null : Number(v)),
        borderColor: d.color ?? palette[i], backgroundColor: d.color ?? palette[i], spanGaps: true, tension: 0.2, pointRadius: 0,
        yAxisID: d.axis ?? "y" }));
    // stacked: bars on top of each other; max: a fixed top for the value axis (e.g. 100 for scores).
    const scales = { y: { beginAtZero: unit === "" || kind !== "line" || config.max !== undefined, max: config.max, stacked: !!config.stacked,
        ticks: { callback: tick, precision: 0 } } };
    if (config.stacked) {
        scales.x = { stacked: true };
    }
    if (config.datasets.some((d) => d.axis === "y1")) {
        scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: tick, precision: 0 } };
    }
    new Chart(canvas, {
        type: kind === "line" ? "line" : "bar",
        data: { labels: config.labels, datasets },
        options: { animation: false, indexAxis: config.horizontal ? "y" : "x",
            scales: config.horizontal ? { x: scales.y, y: { stacked: !!config.stacked } } : scales }
    });
}
