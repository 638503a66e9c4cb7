// Progressive enhancement only: the page works without this file.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = button.getAttribute("data-copy");
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch (err) {
    const range = document.createRange();
    const target = document.getElementById(button.getAttribute("aria-controls"));
    if (target) { range.selectNodeContents(target); const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range); }
    button.textContent = "Selected — press Ctrl+C";
  }
  setTimeout(() => { button.textContent = "Copy citation"; }, 2500);
});
document.querySelectorAll("button[data-copy]").forEach((b) => { b.hidden = false; });
