/**
 * Search: the OpenSearch client the platform uses, against an external cluster ({@code OPENSEARCH_URL}) or a real
 * OpenSearch node started in-process with its data under the data directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package dev.provingground.search;
