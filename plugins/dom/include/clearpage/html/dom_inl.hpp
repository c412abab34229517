// Template definitions for clearpage/html/dom.hpp; include that header instead.
#pragma once

#include "clearpage/budget.hpp"

namespace clearpage::html {

template <typename Piece>
void for_each_text_piece(Node root, Piece&& piece) {
  if (is_text(root)) {
    piece(node_text(root));
    return;
  }
  // Iterative so that deep trees cannot exhaust the stack.
  Node node = first_child(root);
  while (node) {
    check_budget();
    bool descend = false;
    if (is_text(node)) {
      if (!piece(node_text(node))) return;
    } else if (is_element(node)) {
      const std::string_view t = tag(node);
      if (!is_invisible_tag(t)) {
        if (is_block_tag(t) && !piece(std::string_view(" "))) return;
        descend = true;
      }
    }
    Node child = descend ? first_child(node) : nullptr;
    if (child) {
      node = child;
      continue;
    }
    while (node && node != root) {
      if (is_element(node) && is_block_tag(tag(node)) && !piece(std::string_view(" "))) return;
      if (Node next = next_sibling(node)) {
        node = next;
        break;
      }
      node = parent(node);
    }
    if (node == root) break;
  }
}

template <typename Visit>
void for_each_element(Node root, Visit&& visit) {
  if (!root) return;
  // Iterative pre-order walk: deep trees must not exhaust the stack.
  Node node = first_child(root);
  while (node) {
    check_budget();  // walks of huge trees must stop when the document's time is up
    bool descend = false;
    if (is_element(node)) descend = visit(node);
    Node child = descend ? first_child(node) : nullptr;
    if (child) {
      node = child;
      continue;
    }
    while (node && node != root) {
      Node next = next_sibling(node);
      if (next) {
        node = next;
        break;
      }
      node = parent(node);
    }
    if (node == root) break;
  }
}

template <typename Visit>
bool any_class_token(std::string_view classes, Visit&& visit) {
  // The C locale's isspace, without a call per byte.
  const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && space(classes[i])) ++i;
    std::size_t j = i;
    while (j < classes.size() && !space(classes[j])) ++j;
    if (j > i && visit(classes.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

}  // namespace clearpage::html
