/**
 * A GraphQL IDE for frontend teams that works offline: GraphiQL bundled into one page from
 * node_modules, so nothing is fetched from a CDN (Apollo's default landing page would be).
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Route } from '../../lib/apollo-http';

const SAMPLE_QUERY = `# 住房公积金贷款购房“一件事” — a scenario couple's data from all seven agencies
query ApplicantOverview($idNumber: IdNumber!) {
  applicant(idNumber: $idNumber) {
    name
    identityVerification { verified householdStatus }
    marriage { status spouse { name } }
    providentFundAccount { centreName balance continuousDepositMonths }
  }
}
`;

export function ideRoutes(graphqlPath: string): Record<string, Route> {
  let page: string | null = null; // rendered on first visit: the bundle is large and most processes never serve it
  const serve: Route = (_request, response) => {
    page ??= renderGraphiQL({ endpoint: graphqlPath, title: '住房公积金贷款购房一件事 · GraphQL', defaultQuery: SAMPLE_QUERY });
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  };
  return { 'GET /': serve, 'GET /ide': serve };
}
