import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';

const MUNICIPALITIES = graphql(`
  query PublicMunicipalities {
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

const ORGANIZATIONS = graphql(`
  query PublicOrganizations($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        name
        kind
        municipality {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The public directory: municipalities and their educational organisations (no personal data). */
export const OrganizationsPage = () => {
  const [params, setParams] = useSearchParams();
  const municipalityId = params.get('municipality');
  const [municipalities] = useQuery({ query: MUNICIPALITIES });
  const list = usePaged(ORGANIZATIONS, { filter: { status: 'ACTIVE' as const, ...(municipalityId ? { municipalityId } : {}) } }, (d) => d.organizations);
  return (
    <Page title={t.directory.title} intro={t.directory.intro}>
      <Select
        label={t.signIn.municipality}
        placeholder={t.app.any}
        clearable
        searchable
        maw={420}
        data={(municipalities.data?.municipalities.nodes ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={municipalityId}
        onChange={(v) => setParams(v ? { municipality: v } : {}, { replace: true })}
      />
      <DataTable
        caption={t.directory.title}
        fileName="organizations"
        paged={list}
        rowKey={(o) => o.id}
        empty={t.directory.empty}
        columns={[
          { title: t.directory.name, value: (o) => o.name },
          { title: t.directory.kind, value: (o) => label('OrganizationKind', o.kind) },
          { title: t.signIn.municipality, value: (o) => o.municipality.name },
        ]}
      />
    </Page>
  );
};
