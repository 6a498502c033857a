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
});

const palette = ["#1f4e79", "#2e86ab", "#7fb7d6", "#f18f01", "#c73e1d", "#6a994e"];

function drawCharts() {
    if (typeof Chart === "undefined") {
        return;
    }
    document.querySelectorAll("canvas[data-labels]").forEach((canvas) => {
        const existing = Chart.getChart(canvas);
        if (existing) {
            existing.destroy();
        }
        const labels = canvas.dataset.labels.split(",");
        const values = canvas.dataset.values.split(",").map(Number);
        const money = canvas.id.startsWith("arr");
        new Chart(canvas, {
            type: "bar",
            data: { labels, datasets: [{ data: values, backgroundColor: palette.slice(0, labels.length) }] },
            options: {
                indexAxis: "y",
                animation: false,
                plugins: { legend: { display: false },
                    tooltip: { callbacks: { label: (c) => money ? "$" + c.parsed.x.toLocaleString() : c.parsed.x + " accounts" } } },
                scales: { x: { ticks: { precision: 0, callback: (v) => money ? "$" + Number(v).toLocaleString() : v } } }
            }
        });
    });
}
