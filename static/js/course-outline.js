/*
 * The course builder (templates/authoring/outline.html): reorder by drag and drop, and by the
 * Up and Down buttons without reloading the page; each move is announced in the live region.
 * Without this file the same buttons post their forms and the page reloads.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-course-outline]");
  if (!root) {
    return;
  }
  var status = root.querySelector("[data-outline-status]");
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]");

  function announce(text) {
    status.textContent = text;
  }

  function items(list) {
    return Array.prototype.filter.call(list.children, function (node) {
      return node.hasAttribute("data-outline-item");
    });
  }

  function refreshButtons(list) {
    var all = items(list);
    all.forEach(function (item, index) {
      var row = item.querySelector(".outline-move");
      row.querySelector("[data-direction=up]").hidden = index === 0;
      row.querySelector("[data-direction=down]").hidden = index === all.length - 1;
    });
  }

  function where(item) {
    var list = item.parentElement;
    var all = items(list);
    return "position " + (all.indexOf(item) + 1) + " of " + all.length;
  }

  function send(url, fields) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf.value);
    Object.keys(fields).forEach(function (key) {
      body.append(key, fields[key]);
    });
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok || !data.ok) {
          throw new Error(data.message || "The move was not saved.");
        }
        return data;
      });
    });
  }

  // Up and Down: move the row, keep the focus on the button (or its twin at either end).
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-outline-move] button[data-direction]");
    if (!button) {
      return;
    }
    event.preventDefault();
    var item = button.closest("[data-outline-item]");
    var list = item.parentElement;
    var direction = button.getAttribute("data-direction");
    var sibling = direction === "up" ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling || !sibling.hasAttribute("data-outline-item")) {
      return;
    }
    send(item.getAttribute("data-move-url"), { direction: direction })
      .then(function () {
        if (direction === "up") {
          list.insertBefore(item, sibling);
        } else {
          list.insertBefore(sibling, item);
        }
        refreshButtons(list);
        var focus = button.hidden
          ? item.querySelector("[data-direction=" + (direction === "up" ? "down" : "up") + "]")
          : button;
        focus.focus();
        announce("Moved “" + item.getAttribute("data-title") + "” " + direction + ": " + where(item) + ".");
      })
      .catch(function (error) {
        announce(error.message);
      });
  });

  // Drag and drop within a list, or into another list that accepts the item's kind.
  var dragged = null;
  root.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("[data-outline-item]");
    if (!item) {
      return;
    }
    dragged = item;
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-page-id"));
    event.stopPropagation();
  });
  root.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    root.querySelectorAll(".is-drop-target").forEach(function (node) {
      node.classList.remove("is-drop-target");
    });
    dragged = null;
  });

  function dropTarget(event) {
    if (!dragged) {
      return null;
    }
    var over = event.target.closest && event.target.closest("[data-outline-item]");
    if (!over || over === dragged || dragged.contains(over)) {
      return null;
    }
    var list = over.parentElement;
    var accepts = (list.getAttribute("data-accepts") || "").split(" ");
    return accepts.indexOf(dragged.getAttribute("data-kind")) === -1 ? null : over;
  }

  root.addEventListener("dragover", function (event) {
    var over = dropTarget(event);
    if (!over) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    root.querySelectorAll(".is-drop-target").forEach(function (node) {
      node.classList.remove("is-drop-target");
    });
    over.classList.add("is-drop-target");
  });

  root.addEventListener("drop", function (event) {
    var over = dropTarget(event);
    if (!over) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var item = dragged;
    var from = item.parentElement;
    var list = over.parentElement;
    var before = items(list).filter(function (node) {
      return node !== item;
    });
    var index = before.indexOf(over);
    // Dropped on an item: take its place, pushing it down (or up, moving down the same list).
    var sameList = from === list;
    var goingDown = sameList && items(list).indexOf(item) < items(list).indexOf(over);
    var position = goingDown ? index + 1 : index;
    send(item.getAttribute("data-move-url"), {
      parent: list.getAttribute("data-parent-id"),
      position: String(position),
    })
      .then(function () {
        list.insertBefore(item, goingDown ? over.nextElementSibling : over);
        refreshButtons(list);
        if (!sameList) {
          refreshButtons(from);
        }
        announce("Moved “" + item.getAttribute("data-title") + "”: " + where(item) + ".");
      })
      .catch(function (error) {
        announce(error.message);
      });
  });
})();
