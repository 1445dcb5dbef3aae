import Box from "@mui/material/Box";
import type { ReactNode } from "react";

/** A cell's main text with a second, smaller line shown only on phones (where its own column is hidden). */
export function WithMobileLine({ main, line }: { main: ReactNode; line: ReactNode }) {
  return (
    <>
      {main}
      <Box
        component="div"
        sx={{ display: { xs: "block", sm: "none" }, color: "text.secondary", fontSize: 12, mt: 0.25 }}
      >
        {line}
      </Box>
    </>
  );
}
