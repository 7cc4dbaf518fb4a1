/*
 * test_xmlsafe.c - the safe XML/HTML set-up refuses hostile documents
 * with a message naming file and line, and reads ordinary ones.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "ordtrack/ordtrack.h"
#include "test.h"
#include "xmlsafe.h"

/* Parse as XML; return the error code and leave the message. */
static int xml(const char *s)
{
	xmlDoc *d = NULL;
	int err;
	ot_error_clear();
	err = ot_xml_read(&d, s, strlen(s), "in.xml");
	xmlFreeDoc(d);
	return err;
}

static int msg_has(const char *needle)
{
	int ok = strstr(ot_error_last(), needle) != NULL;
	if (!ok)
		printf("#   message: %s\n", ot_error_last());
	return ok;
}

TEST(ordinary_xml)
{
	CHECK(xml("<?xml version=\"1.0\"?>\n<section><num>1</num><text>a &amp; b &#169;</text></section>") == 0);
	CHECK(xml("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>") == 0);
	CHECK(xml("<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://example.invalid/x.xsl\"?><a>x</a>") == 0);
	CHECK(xml("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></a>") == 0);
}

TEST(malformed_names_line)
{
	CHECK(xml("<a>\n<b>\n</a>") == OT_EINVALID);
	CHECK(msg_has("in.xml:3:"));
	CHECK(xml("") == OT_EINVALID);
	CHECK(xml("<a>\xff</a>") == OT_EINVALID);
	CHECK(msg_has("in.xml:1:"));
}

TEST(external_entities_refused)
{
	CHECK(xml("<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n<a>&x;</a>") == OT_EINVALID);
	CHECK(msg_has("in.xml:3:"));
	CHECK(msg_has("external entity 'x'"));
	CHECK(xml("<!DOCTYPE a [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><a/>") == OT_EINVALID);
	CHECK(msg_has("parameter entity"));
	CHECK(xml("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>") == OT_EINVALID);
	CHECK(msg_has("external DTD"));
	CHECK(xml("<!DOCTYPE a SYSTEM \"http://example.invalid/a.dtd\"><a/>") == OT_EINVALID);
	CHECK(msg_has("http://example.invalid/a.dtd"));
}

TEST(entity_expansion_refused)
{
	const char *laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
			     " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
			     " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
			     "]>\n<lolz>&lol2;</lolz>";
	ot_buf q = OT_BUF_INIT;
	int i;
	CHECK(xml(laughs) == OT_EINVALID);
	CHECK(msg_has("declares an entity 'lol'"));
	ot_buf_puts(&q, "<!DOCTYPE a [<!ENTITY big \"");
	for (i = 0; i < 20000; i++)
		ot_buf_putc(&q, 'x');
	ot_buf_puts(&q, "\">]><a>");
	for (i = 0; i < 5000; i++)
		ot_buf_puts(&q, "&big;");
	ot_buf_puts(&q, "</a>");
	CHECK(xml(q.ptr) == OT_EINVALID);
	ot_buf_release(&q);
	CHECK(xml("<a>&undeclared;</a>") == OT_EINVALID);
}

TEST(deep_nesting_refused)
{
	ot_buf q = OT_BUF_INIT;
	xmlDoc *d = NULL;
	int i;
	for (i = 0; i < 10000; i++)
		ot_buf_puts(&q, "<a>");
	for (i = 0; i < 10000; i++)
		ot_buf_puts(&q, "</a>");
	CHECK(xml(q.ptr) == OT_EINVALID);
	CHECK(msg_has("nested deeper"));
	ot_buf_clear(&q);
	ot_buf_puts(&q, "<html><body>");
	for (i = 0; i < 10000; i++)
		ot_buf_puts(&q, "<div>");
	CHECK(ot_html_read(&d, q.ptr, q.len, "in.html") == OT_EINVALID);
	CHECK(d == NULL);
	ot_buf_release(&q);
}

TEST(encoding_tricks)
{
	CHECK(xml("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>") == OT_EINVALID);
	CHECK(msg_has("byte-order mark"));
	CHECK(xml("<a>\xC0\xAF</a>") == OT_EINVALID); /* overlong "/" */
}

TEST(size_cap)
{
	xmlDoc *d = NULL;
	ot_limits l = {10, 0};
	/* set by the program, never read from the environment */
	setenv("ORDTRACK_MAX_INPUT", "5", 1);
	CHECK(xml("<a>0123456789</a>") == 0);
	unsetenv("ORDTRACK_MAX_INPUT");
	ot_limits_set(&l);
	CHECK(ot_limits_get().max_input == 10);
	CHECK(xml("<a>0123456789</a>") == OT_EINVALID);
	CHECK(msg_has("input limit"));
	CHECK(ot_html_read(&d, "<p>0123456789</p>", 17, "x.html") == OT_EINVALID);
	ot_limits_set(NULL);
	CHECK(ot_limits_get().max_input == (size_t)64 * 1024 * 1024);
	CHECK(xml("<a>0123456789</a>") == 0);
}

TEST(html_reads_tag_soup)
{
	xmlDoc *d = NULL;
	const char *page = "<!DOCTYPE html><html><head><script>var x = '<s>';</script></head>"
			   "<body><p>Sec. 1 <s>old</s> <u>new</p></body></html>";
	CHECK(ot_html_read(&d, page, strlen(page), "p.html") == 0);
	CHECK(d != NULL);
	xmlFreeDoc(d);
	d = NULL;
	CHECK(ot_html_read(&d, "<p>\xff</p>", 8, "p.html") == OT_EINVALID);
	CHECK(msg_has("p.html:1:"));
}

TEST(sniff)
{
	CHECK(ot_markup_sniff("<?xml version=\"1.0\"?><akomaNtoso/>", 34) == 1);
	CHECK(ot_markup_sniff("\xEF\xBB\xBF <!-- c --> <section/>", 26) == 1);
	CHECK(ot_markup_sniff("<!DOCTYPE html><html>", 21) == 2);
	CHECK(ot_markup_sniff("  <HTML lang=en>", 16) == 2);
	CHECK(ot_markup_sniff("2-173-010 Purpose.\n(a) text", 27) == 0);
	CHECK(ot_markup_sniff("Sec. 1. <b>", 11) == 0);
}

int main(void)
{
	RUN(ordinary_xml);
	RUN(malformed_names_line);
	RUN(external_entities_refused);
	RUN(entity_expansion_refused);
	RUN(deep_nesting_refused);
	RUN(encoding_tricks);
	RUN(size_cap);
	RUN(html_reads_tag_soup);
	RUN(sniff);
	return test_summary();
}
