-- The départements of whoever sent a batch: its plis on no demande yet (numéro unknown or
-- unreadable) belong to the operators of that territory only. A batch sent again by another
-- territory adds it. Batches sent before this column have none: their plis on no demande are
-- reached by no operator until one is assigned (UPDATE batches SET territory = …).
ALTER TABLE batches ADD COLUMN territory text[] NOT NULL DEFAULT '{}';
