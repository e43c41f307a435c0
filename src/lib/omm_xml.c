/* OMM as XML (CCSDS NDM/XML, CelesTrak's FORMAT=xml): every <segment>
 * anywhere in the tree is one element set, its keywords being the child
 * elements of <metadata>, <data>/<meanElements> and <data>/<tleParameters>.
 * Parsed with libxml2 without network access, DTDs (refused) or entity
 * substitution, and without printing: syntax errors and bad values carry the
 * line from libxml2 (and the column for syntax errors).
 *
 * Reference: CCSDS 505.0-B-2, XML Specification for Navigation Data
 * Messages (2021). */
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "elset_internal.h"
#include "omm_internal.h"

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Keywords of one block (<metadata>, <meanElements>, <tleParameters>). */
static int read_block(omm_rec *rec, const xmlNode *blk, const char *file, int recno,
                      odc_err *err)
{
    for (const xmlNode *k = blk->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        omm_where w = {file, recno, (int)xmlGetLineNo(k), 0};
        /* A keyword holds text only. */
        for (const xmlNode *c = k->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                return omm__set_wrong_type(rec, (const char *)k->name,
                                           strlen((const char *)k->name), "nested elements", &w,
                                           err);
        xmlChar *txt = xmlNodeGetContent(k);
        const char *s = txt ? (const char *)txt : "";
        int rc = omm__set_text(rec, (const char *)k->name, strlen((const char *)k->name), s,
                               strlen(s), &w, err);
        xmlFree(txt);
        if (rc)
            return rc;
    }
    return ODC_OK;
}

static int read_segment(const xmlNode *seg, const char *file, int recno, odc_elset_list *out,
                        odc_err *err)
{
    omm_rec rec;
    omm__begin(&rec);
    int rc = ODC_OK;
    for (const xmlNode *n = seg->children; n && rc == ODC_OK; n = n->next) {
        if (is(n, "metadata")) {
            rc = read_block(&rec, n, file, recno, err);
        } else if (is(n, "data")) {
            for (const xmlNode *d = n->children; d && rc == ODC_OK; d = d->next)
                if (is(d, "meanElements") || is(d, "tleParameters"))
                    rc = read_block(&rec, d, file, recno, err);
        }
    }
    omm_where w = {file, recno, (int)xmlGetLineNo(seg), 0};
    if (rc == ODC_OK)
        rc = omm__finish(&rec, &w, err);
    if (rc == ODC_OK)
        rc = odc_elset__append(out, &rec.el, (int)xmlGetLineNo(seg), NULL, err);
    return rc;
}

/* Depth-first walk to every <segment>. */
static int walk(const xmlNode *n, const char *file, int *recno, odc_elset_list *out,
                odc_err *err, int depth)
{
    if (depth > 64)
        return odc_err_set(err, ODC_EINPUT, file, (int)xmlGetLineNo(n), 0, NULL,
                           "XML nested deeper than 64 levels");
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int rc;
        if (is(n, "segment"))
            rc = read_segment(n, file, ++*recno, out, err);
        else
            rc = walk(n->children, file, recno, out, err, depth + 1);
        if (rc)
            return rc;
    }
    return ODC_OK;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int omm__read_xml(const char *text, size_t len, const char *file, odc_elset_list *out,
                  odc_err *err)
{
    if (len > 1u << 30)
        return odc_err_set(err, ODC_EINPUT, file, 0, 0, NULL, "XML input larger than 1 GiB");
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx)
        return odc_err_set(err, ODC_ENOMEM, file, 0, 0, NULL, "out of memory");
    /* The library never prints. Parser errors are kept in ctx
     * (XML_PARSE_NOERROR); the few libxml2 reports without a context (the
     * encoding layer) go to its per-thread generic handler, which is
     * silenced for the parse and restored after. The text is read as UTF-8
     * whatever it declares (CelesTrak and the NDM standard use UTF-8). */
    xmlGenericErrorFunc old_fn = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlDocPtr doc = xmlCtxtReadMemory(ctx, text, (int)len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                          XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC);
    xmlSetGenericErrorFunc(old_ctx, old_fn);
    int rc;
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctx);
        char msg[300] = "XML syntax error";
        int line = 0, col = 0;
        if (e) {
            line = e->line;
            col = e->int2;
            if (e->message) {
                snprintf(msg, sizeof msg, "XML: %s", e->message);
                size_t n = strlen(msg);
                while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
                    msg[--n] = '\0';
            }
        }
        rc = odc_err_set(err, ODC_EINPUT, file, line, col, NULL, "%s", msg);
    } else if (doc->intSubset || doc->extSubset) {
        /* OMM needs no DTD; refusing it rules out entity expansion tricks
         * ("billion laughs") when the keyword texts are read. */
        rc = odc_err_set(err, ODC_EINPUT, file, 0, 0, NULL,
                         "XML with a document type declaration (DTD) is not accepted");
        xmlFreeDoc(doc);
    } else {
        int recno = 0;
        rc = walk(xmlDocGetRootElement(doc), file, &recno, out, err, 0);
        if (rc == ODC_OK && recno == 0)
            rc = odc_err_set(err, ODC_EINPUT, file, 0, 0, NULL,
                             "no <segment> element: not an OMM in NDM/XML form");
        xmlFreeDoc(doc);
    }
    xmlFreeParserCtxt(ctx);
    return rc;
}
