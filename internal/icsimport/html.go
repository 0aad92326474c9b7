// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// looksHTML matches descriptions written as HTML (Google Calendar and
// Outlook web write them so): a known tag or an entity.
var looksHTML = regexp.MustCompile(`(?i)<(br|p|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|table|tr|td|font|html|body|script|style)\b[^>]*>|</(p|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|font)>|&(nbsp|amp|lt|gt|quot|#[0-9]+);`)

// htmlText turns an HTML description into plain text: paragraphs, line
// breaks and list items become lines, a link whose text is not its
// address keeps the address in brackets, scripts and styles go, entities
// are decoded. Text that is not HTML is returned as it is. The result is
// cleaned like any description (cleanText) by the caller.
func htmlText(s string) string {
	if !looksHTML.MatchString(s) {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), nil)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeText(b, c)
		}
		return
	}
	switch n.Data {
	case "script", "style", "head", "title":
		return
	case "br":
		b.WriteString("\n")
		return
	}
	block := false
	switch n.Data {
	case "p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre":
		block = true
		b.WriteString("\n")
	case "li":
		b.WriteString("\n• ")
	}
	start := b.Len()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if n.Data == "a" {
		for _, a := range n.Attr {
			text := strings.TrimSpace(b.String()[start:])
			if a.Key == "href" && (strings.HasPrefix(a.Val, "https://") || strings.HasPrefix(a.Val, "http://")) &&
				a.Val != text && strings.TrimSuffix(a.Val, "/") != text {
				b.WriteString(" (" + a.Val + ")")
			}
		}
	}
	if n.Data == "td" {
		b.WriteString(" ")
	}
	if block {
		b.WriteString("\n")
	}
}
