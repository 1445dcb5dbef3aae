import Search from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import InputAdornment from "@mui/material/InputAdornment";
import LinearProgress from "@mui/material/LinearProgress";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TablePagination from "@mui/material/TablePagination";
import TableRow from "@mui/material/TableRow";
import TableSortLabel from "@mui/material/TableSortLabel";
import TextField from "@mui/material/TextField";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type QueryValue } from "../app/api";
import { useFormat } from "../app/format";
import type { Page } from "../app/types";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { Loading } from "./Loading";
import { useDebounced } from "./useDebounced";

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** The server's sort key; the column is sortable when given. */
  sortKey?: string;
  align?: "left" | "right" | "center";
  width?: number | string;
  /** Hide on narrow screens (under 600px). */
  hideOnMobile?: boolean;
  /** Keep the cell on one line. */
  nowrap?: boolean;
  minWidth?: number;
}

export type SortOrder = "asc" | "desc";

export interface DataTableProps<T> {
  /** The list endpoint under /api/v1, e.g. "/users". */
  path: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Extra filters sent with every request; a change goes back to page one. */
  params?: Record<string, QueryValue>;
  searchable?: boolean;
  searchPlaceholder?: string;
  defaultSort?: { sort: string; order: SortOrder };
  pageSizes?: number[];
  onRowClick?: (row: T) => void;
  /** Controls shown beside the search box (filters, buttons). */
  toolbar?: ReactNode;
  emptyText?: string;
  testId?: string;
  ariaLabel?: string;
}

function cellSx<T>(c: Column<T>) {
  return {
    ...(c.hideOnMobile ? { display: { xs: "none", sm: "table-cell" } } : {}),
    ...(c.nowrap ? { whiteSpace: "nowrap" } : {}),
    ...(c.minWidth ? { minWidth: c.minWidth } : {}),
  };
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const f = useFormat();
  const pageSizes = props.pageSizes ?? [10, 25, 50, 100];
  const [q, setQ] = useState("");
  const debouncedQ = useDebounced(q.trim());
  const [limit, setLimit] = useState(pageSizes[0]);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState(props.defaultSort);
  // Filters settle before they are sent (a date being typed passes through
  // several valid dates on its way).
  const paramsKey = useDebounced(JSON.stringify(props.params ?? {}), 300);

  // A new search or filter starts from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the inputs change
  useEffect(() => setOffset(0), [debouncedQ, paramsKey]);

  const query = {
    ...(JSON.parse(paramsKey) as Record<string, QueryValue>),
    // The table's own search box, when it has one; otherwise q may come in params.
    ...(props.searchable ? { q: debouncedQ || undefined } : {}),
    limit,
    offset,
    sort: sort?.sort,
    order: sort?.order,
  };
  const result = useQuery({
    queryKey: [props.path, "list", query],
    queryFn: ({ signal }) => api.get<Page<T>>(props.path, query, signal),
    placeholderData: keepPreviousData,
  });

  const total = result.data?.total ?? 0;
  // A text search counts its matches up to a cap (paginateSearch): past it the total is "more than".
  const capped = (result.data as { totalCapped?: boolean } | undefined)?.totalCapped === true;
  const items = result.data?.items ?? [];
  const visibleColumns = props.columns;

  function toggleSort(key: string) {
    setSort((s) =>
      s?.sort === key ? { sort: key, order: s.order === "asc" ? "desc" : "asc" } : { sort: key, order: "asc" },
    );
    setOffset(0);
  }

  let body: ReactNode;
  if (result.isPending) {
    body = (
      <TableRow>
        <TableCell colSpan={visibleColumns.length}>
          <Loading minHeight={120} />
        </TableCell>
      </TableRow>
    );
  } else if (result.isError) {
    body = (
      <TableRow>
        <TableCell colSpan={visibleColumns.length}>
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        </TableCell>
      </TableRow>
    );
  } else if (items.length === 0) {
    body = (
      <TableRow>
        <TableCell colSpan={visibleColumns.length}>
          <EmptyState title={debouncedQ ? t("table.noMatches") : props.emptyText} />
        </TableCell>
      </TableRow>
    );
  } else {
    body = items.map((row) => (
      <TableRow
        key={props.rowKey(row)}
        hover={!!props.onRowClick}
        onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
        sx={props.onRowClick ? { cursor: "pointer" } : undefined}
      >
        {visibleColumns.map((c) => (
          <TableCell key={c.key} align={c.align} sx={cellSx(c)}>
            {c.render(row)}
          </TableCell>
        ))}
      </TableRow>
    ));
  }

  return (
    <Paper variant="outlined" sx={{ overflow: "hidden" }}>
      {(props.searchable || props.toolbar) && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1.5, p: 1.5, alignItems: "center" }}>
          {props.searchable && (
            <TextField
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={props.searchPlaceholder ?? t("common.search")}
              sx={{ flex: "1 1 220px", maxWidth: { sm: 360 } }}
              slotProps={{
                htmlInput: { "data-testid": "data-table-search", "aria-label": t("common.search") },
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <Search fontSize="small" />
                    </InputAdornment>
                  ),
                },
              }}
            />
          )}
          {props.toolbar}
        </Box>
      )}
      <Box sx={{ height: 4 }}>
        {result.isFetching && !result.isPending && <LinearProgress aria-label={t("common.loading")} />}
      </Box>
      <TableContainer>
        <Table size="small" data-testid={props.testId} aria-label={props.ariaLabel} aria-busy={result.isFetching}>
          <TableHead>
            <TableRow>
              {visibleColumns.map((c) => (
                <TableCell
                  key={c.key}
                  align={c.align}
                  width={c.width}
                  sortDirection={c.sortKey && sort?.sort === c.sortKey ? sort.order : false}
                  sx={cellSx(c)}
                >
                  {c.sortKey ? (
                    <TableSortLabel
                      active={sort?.sort === c.sortKey}
                      direction={sort?.sort === c.sortKey ? sort.order : "asc"}
                      onClick={() => toggleSort(c.sortKey as string)}
                    >
                      {c.label}
                    </TableSortLabel>
                  ) : (
                    c.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{body}</TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={total}
        page={Math.floor(offset / limit)}
        rowsPerPage={limit}
        rowsPerPageOptions={pageSizes.map((n) => ({ value: n, label: f.num(n) }))}
        onPageChange={(_, page) => setOffset(page * limit)}
        onRowsPerPageChange={(e) => {
          setLimit(Number(e.target.value));
          setOffset(0);
        }}
        labelRowsPerPage={t("table.rowsPerPage")}
        labelDisplayedRows={({ from, to, count }) =>
          t(capped ? "table.displayedRowsCapped" : "table.displayedRows", {
            from: f.num(from),
            to: f.num(to),
            count: f.num(count),
          })
        }
        getItemAriaLabel={(type) => t(`table.${type}Page`)}
        sx={{
          borderTop: 1,
          borderColor: "divider",
          ".MuiTablePagination-toolbar": { flexWrap: "wrap", px: { xs: 1, sm: 2 } },
          ".MuiTablePagination-spacer": { display: { xs: "none", sm: "block" } },
        }}
      />
    </Paper>
  );
}
