document.getElementById("app")!.textContent = "CSTO Summit";
